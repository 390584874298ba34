package org.guildhall.announcements.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementReportTest {

    @Test
    void csvQuotesWhatNeedsQuotingAndDisarmsFormulas() {
        AcknowledgementReport report = new AcknowledgementReport(7, "t", List.of(
                new AcknowledgementReport.Row("Mia \"M\" Member", "mia", Instant.parse("2026-11-27T10:00:00Z")),
                new AcknowledgementReport.Row("=HYPERLINK(\"x\")", "evil", null)));
        assertEquals("name,username,acknowledged,acknowledged_at\r\n"
                + "\"Mia \"\"M\"\" Member\",mia,yes,2026-11-27T10:00:00Z\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",evil,no,\r\n", report.csv());
        assertEquals(1, report.acknowledged());
        assertEquals(1, report.pending());
    }
}
