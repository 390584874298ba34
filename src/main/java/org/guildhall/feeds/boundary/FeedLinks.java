package org.guildhall.feeds.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.guildhall.feeds.control.FeedFormat;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.Membership;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/**
 * The feeds a page offers, for its head ({@code <link rel="alternate">}, autodiscovery) and
 * its visible feed links. Only feeds that work without a token are announced in a page's
 * head; a member's private addresses, with their token, are shown once on the account page.
 */
@Named
@RequestScoped
public class FeedLinks {

    @Inject
    PortalAddress address;

    @Inject
    Groups groups;

    @Inject
    CurrentAccount currentAccount;

    /** The site board and everything public: for the home page and the site board. */
    public List<FeedLink> getSite() {
        List<FeedLink> links = new ArrayList<>();
        for (FeedFormat f : FeedFormat.values()) {
            links.add(new FeedLink("Guildhall: site announcements (" + f.label() + ")", f.mediaType(), address.of(FeedPaths.siteBoard(f)),
                    "Site announcements, " + f.label()));
        }
        for (FeedFormat f : FeedFormat.values()) {
            links.add(new FeedLink("Guildhall: everything public (" + f.label() + ")", f.mediaType(), address.of(FeedPaths.everything(f)),
                    "Everything public, " + f.label()));
        }
        return links;
    }

    // a page asks for the same group's links in its head and in its body
    private final java.util.Map<String, List<FeedLink>> groupLinks = new java.util.HashMap<>();

    /** A group's board and documents, when anybody may read the group; none for a private group. */
    public List<FeedLink> group(String slug) {
        return slug == null ? List.of() : groupLinks.computeIfAbsent(slug, this::groupFeeds);
    }

    private List<FeedLink> groupFeeds(String slug) {
        Group group;
        try {
            group = groups.readable(Caller.ANONYMOUS, slug);
        } catch (GroupNotFound e) {
            return List.of();
        }
        List<FeedLink> links = new ArrayList<>();
        for (FeedFormat f : FeedFormat.values()) {
            links.add(new FeedLink(group.getName() + ": announcements (" + f.label() + ")", f.mediaType(),
                    address.of(FeedPaths.groupBoard(group.getSlug(), f)), "Announcements, " + f.label()));
        }
        for (FeedFormat f : FeedFormat.values()) {
            links.add(new FeedLink(group.getName() + ": new documents (" + f.label() + ")", f.mediaType(),
                    address.of(FeedPaths.groupDocuments(group.getSlug(), f)), "Documents, " + f.label()));
        }
        return links;
    }

    /** The signed-in member's private Atom addresses with a feed token just made (its only showing). */
    public List<FeedLink> personal(String token) {
        if (token == null || !token.startsWith("ghf_")) {
            return List.of();
        }
        String query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        FeedFormat atom = FeedFormat.ATOM;
        List<FeedLink> links = new ArrayList<>();
        links.add(new FeedLink("Everything you can see", atom.mediaType(), address.of(FeedPaths.everything(atom)) + query, "Everything you can see"));
        links.add(new FeedLink("Site announcements", atom.mediaType(), address.of(FeedPaths.siteBoard(atom)) + query, "Site announcements"));
        for (Membership m : groups.membershipsOf(currentAccount.caller())) {
            String slug = m.getGroup().getSlug();
            links.add(new FeedLink(m.getGroup().getName() + ": announcements", atom.mediaType(), address.of(FeedPaths.groupBoard(slug, atom)) + query,
                    m.getGroup().getName() + ": announcements"));
            links.add(new FeedLink(m.getGroup().getName() + ": new documents", atom.mediaType(), address.of(FeedPaths.groupDocuments(slug, atom)) + query,
                    m.getGroup().getName() + ": new documents"));
        }
        return links;
    }
}
