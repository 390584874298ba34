package org.guildhall.announcements.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.guildhall.announcements.entity.Audience;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.control.Clock;
import org.guildhall.platform.control.DemoSeeding;

/** A living board for a newcomer: a site-wide welcome, news in each group, one notice to acknowledge, one scheduled. */
@ApplicationScoped
public class DemoAnnouncements {

    private static final Logger LOG = Logger.getLogger(DemoAnnouncements.class.getName());

    @Inject
    Announcements announcements;

    @Inject
    Accounts accounts;

    @Inject
    Clock clock;

    void seed(@Observes @Priority(400) DemoSeeding seeding) {
        post("admin", null, "Welcome to Guildhall", """
                <p>Guildhall is where the association's special-interest groups keep their <strong>announcements</strong>
                and <strong>documents</strong>. <a href="/groups/index.xhtml">Find a group</a> to join, and follow any board
                in your feed reader.</p>""", Audience.PUBLIC, true, false, null);
        post("admin", null, "Annual conference: call for papers", """
                <p>Proposals for the 2027 conference are open until the end of January. Every group may put forward a session.</p>""",
                Audience.MEMBERS, false, false, null);
        post("carol", "cataloguing", "RDA training day booked for March", """
                <p>The RDA training day is booked. The agenda is in the group's documents; places are limited to 40.</p>
                <ul><li>09:30 Welcome and the RDA Toolkit</li><li>15:30 Linked data: what changes for cataloguers</li></ul>""",
                Audience.PUBLIC, true, false, null);
        post("carol", "cataloguing", "Committee: draft response to the BIBFRAME consultation", """
                <p>Committee members, please comment on the draft before Friday.</p>""", Audience.COMMITTEE, false, false, null);
        post("hana", "health-libraries", "Please read: updated guidance on patient data in literature searches", """
                <p>All members who run searches for clinical teams must read the updated guidance and confirm below.</p>
                <p>In short: <em>never</em> paste identifiable patient details into a search request form.</p>""",
                Audience.MEMBERS, true, true, null);
        post("cody", "career-development", "Mentoring scheme: new round opens", """
                <p>Applications for mentors and mentees open next month. See <em>Mentoring scheme: how it works</em> in our documents.</p>""",
                Audience.PUBLIC, false, false, Duration.ofDays(14));
        post("admin", "board", "Board meeting moved to 12 December", """
                <p>The December board meeting moves to the 12th, 14:00, at headquarters.</p>""", Audience.MEMBERS, true, false, null);
        LOG.info("Demo announcements added");
    }

    private void post(String username, String slug, String title, String body, Audience audience, boolean pinned, boolean ack, Duration scheduledIn) {
        Caller caller = Caller.of(accounts.find(username).orElseThrow());
        announcements.post(caller, slug, new AnnouncementInput(title, body, audience, pinned, ack,
                scheduledIn == null ? null : clock.now().plus(scheduledIn), null));
    }
}
