package org.guildhall.announcements.control;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Who of an announcement's audience has acknowledged it, and who has not yet: for the committee, and as CSV. */
public record AcknowledgementReport(long announcementId, String title, List<Row> rows) implements java.io.Serializable {

    /** One reader; {@code acknowledgedAt} null while they have not. */
    public record Row(String name, String username, Instant acknowledgedAt) implements java.io.Serializable {

        public boolean isAcknowledged() {
            return acknowledgedAt != null;
        }
    }

    public long acknowledged() {
        return rows.stream().filter(Row::isAcknowledged).count();
    }

    public long pending() {
        return rows.size() - acknowledged();
    }

    public List<Row> getAcknowledgedRows() {
        return rows.stream().filter(Row::isAcknowledged).toList();
    }

    public List<Row> getPendingRows() {
        return rows.stream().filter(r -> !r.isAcknowledged()).toList();
    }

    /** RFC 4180 CSV with a header line; cells that a spreadsheet would run as a formula are quoted inert. */
    public String csv() {
        StringBuilder out = new StringBuilder("name,username,acknowledged,acknowledged_at\r\n");
        for (Row row : rows) {
            out.append(cell(row.name())).append(',').append(cell(row.username())).append(',')
                    .append(row.isAcknowledged() ? "yes" : "no").append(',')
                    .append(row.isAcknowledged() ? DateTimeFormatter.ISO_INSTANT.format(row.acknowledgedAt()) : "").append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
