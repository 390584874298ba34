package org.guildhall.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR Maven built, deployed as it is: integration tests exercise exactly what ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive guildhall() {
        File war = new File(System.getProperty("guildhall.war", "target/guildhall.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** The container reports the machine's external address; tests talk to loopback on the same port. */
    public static URI local(URL deployed) {
        return URI.create("http://localhost:" + deployed.getPort() + deployed.getPath());
    }
}
