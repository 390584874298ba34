package org.guildhall.documents.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.logging.Logger;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.control.DemoSeeding;

/** A few committee papers in the demo groups, uploaded the way a committee member would, so search and lists have content. */
@ApplicationScoped
public class DemoDocuments {

    private static final Logger LOG = Logger.getLogger(DemoDocuments.class.getName());

    @Inject
    Uploads uploads;

    @Inject
    Documents documents;

    @Inject
    Accounts accounts;

    void seed(@Observes @Priority(300) DemoSeeding seeding) {
        store("carol", "cataloguing", "minutes-2026-10.txt", "Minutes of the committee, October 2026",
                "Agreed actions on authority control and the BIBFRAME pilot.", Set.of("minutes", "2026"),
                """
                Cataloguing & Metadata Group: minutes of the committee meeting, 14 October 2026

                Present: Carol Cataloguer (chair), Hana Health, Mia Member.
                1. Authority control: the group will publish a short guide to name authority records.
                2. BIBFRAME pilot: two libraries will convert a sample of MARC records and report back.
                3. RDA training day: booked for March; the agenda follows.
                Next meeting: 9 December 2026.
                """);
        store("carol", "cataloguing", "rda-training-agenda.html", "RDA training day: agenda",
                "Programme of the March training day.", Set.of("training", "rda"),
                """
                <html><head><title>RDA training day</title></head><body>
                <h1>RDA training day</h1>
                <ol><li>09:30 Welcome and the official RDA Toolkit</li><li>10:00 Describing manifestations</li>
                <li>13:30 Relationships and access points</li><li>15:30 Linked data: what changes for cataloguers</li></ol>
                </body></html>
                """);
        store("hana", "health-libraries", "annual-report-2026.html", "Health Libraries annual report 2026",
                "Membership, events and the evidence-search service.", Set.of("report", "2026"),
                """
                <html><head><title>Annual report 2026</title></head><body>
                <h1>Health Libraries Group: annual report 2026</h1>
                <p>Membership grew to 412. The clinical evidence-search service answered 1,820 requests from
                hospital staff; the systematic review support pilot ran in three NHS trusts.</p>
                </body></html>
                """);
        store("cody", "career-development", "mentoring-scheme.txt", "Mentoring scheme: how it works",
                "For mentors and mentees.", Set.of("mentoring", "chartership"),
                """
                The Career Development Group pairs new professionals with experienced mentors for a year.
                Mentees meet their mentor every six weeks and keep a reflective log towards chartership.
                """);
        store("admin", "board", "budget-2027.txt", "Budget 2027 (trustees only)", "Draft for the December board.", Set.of("budget"),
                """
                Draft budget 2027 for the board of trustees. Confidential until approved.
                Income: subscriptions, conference, training. Expenditure: events, publications, the portal.
                """);
        LOG.info("Demo documents added; their text is extracted in the background");
    }

    private void store(String username, String slug, String fileName, String title, String description, Set<String> tags, String text) {
        Account account = accounts.find(username).orElseThrow();
        try {
            StagedFile staged = uploads.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fileName);
            documents.store(Caller.of(account), slug, staged, title, description, tags);
        } catch (UploadRejected e) {
            throw new IllegalStateException("A demo document was refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
