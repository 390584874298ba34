package org.guildhall.identity.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.guildhall.platform.control.DemoSeeding;

/** The demo accounts; their names and the one demo password are in the README. */
@ApplicationScoped
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());

    /** Demo only: printed in the README and the console so a newcomer can log in. */
    public static final String DEMO_PASSWORD = "guildhall-demo";

    @Inject
    Accounts accounts;

    void seed(@Observes @Priority(100) DemoSeeding seeding) {
        accounts.create("admin", "Ada Admin", "admin@guildhall.example", DEMO_PASSWORD.toCharArray(), true);
        accounts.create("carol", "Carol Cataloguer", "carol@guildhall.example", DEMO_PASSWORD.toCharArray(), false);
        accounts.create("hana", "Hana Health", "hana@guildhall.example", DEMO_PASSWORD.toCharArray(), false);
        accounts.create("cody", "Cody Careers", "cody@guildhall.example", DEMO_PASSWORD.toCharArray(), false);
        accounts.create("mia", "Mia Member", "mia@guildhall.example", DEMO_PASSWORD.toCharArray(), false);
        accounts.create("noah", "Noah Newcomer", "noah@guildhall.example", DEMO_PASSWORD.toCharArray(), false);
        LOG.info("Demo logins (password for all: " + DEMO_PASSWORD + "): admin (administrator); "
                + "carol, hana, cody (committee of Cataloguing & Metadata, Health Libraries, Career Development); "
                + "mia (member of several groups); noah (member of none yet)");
    }
}
