package org.guildhall.search.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guildhall.platform.boundary.Formats;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.FacetValue;
import org.guildhall.search.control.SearchDocument;
import org.guildhall.search.control.SearchHit;
import org.guildhall.search.control.Suggestion;
import org.junit.jupiter.api.Test;

class SearchLinkTest {

    @Test
    void aPickedTagSearchesTheTagAndAPickedTitleThePhrase() {
        assertEquals("tag:minutes", SearchLink.query(new Suggestion("minutes", Suggestion.Source.TAG)));
        assertEquals("tag:\"annual meeting\"", SearchLink.query(new Suggestion("annual meeting", Suggestion.Source.TAG)));
        assertEquals("\"Minutes of the committee, October 2026\"",
                SearchLink.query(new Suggestion("Minutes of the committee, October 2026", Suggestion.Source.TITLE)));
        assertEquals("\"The  best  plan\"", SearchLink.query(new Suggestion("The \"best\" plan", Suggestion.Source.TITLE)),
                "inner quotes would end the phrase");
    }

    @Test
    void linksEncodeTheQueryAndKeepEveryRepeatedFacetValue() {
        SearchLink cut = SearchLink.of("annual \"report\" & more").with(Facet.TYPE, "pdf").with(Facet.TYPE, "word").with(Facet.GROUP, "health-libraries");
        assertEquals("/search.xhtml?q=annual+%22report%22+%26+more&group=health-libraries&type=pdf&type=word", cut.toString());
        assertEquals("/search.xhtml?q=annual+%22report%22+%26+more&group=health-libraries&type=word", cut.without(Facet.TYPE, "pdf").toString());
        assertEquals("/search.xhtml", SearchLink.of("").toString());
    }

    @Test
    void changingTheSelectionOrSortGoesBackToTheFirstPageButPagingKeepsEverything() {
        SearchLink third = new SearchLink("budget", Map.of(Facet.YEAR, Set.of("2026")), "date", 3);
        assertEquals("/search.xhtml?q=budget&year=2026&sort=date&page=3", third.toString());
        assertEquals("/search.xhtml?q=budget&type=pdf&year=2026&sort=date", third.with(Facet.TYPE, "pdf").toString(), "facets in a fixed order");
        assertEquals("/search.xhtml?q=budget&year=2026", third.sorted("relevance").toString());
        assertEquals("/search.xhtml?q=budgets&year=2026&sort=date", third.query("budgets").toString());
        assertEquals("/search.xhtml?q=budget&year=2026&sort=date&page=4", third.page(4).toString());
        assertTrue(third.isSelected(Facet.YEAR, "2026"));
        assertFalse(third.isSelected(Facet.YEAR, "2025"));
    }

    @Test
    void theViewLinksHitsToTheirPagesAndFacetValuesToTheNarrowedSearch() {
        SearchHit doc = new SearchHit("doc-12", SearchDocument.Kind.DOCUMENT, "Minutes", "cataloguing", "text",
                Instant.parse("2026-10-05T10:00:00Z"), 1f, "the <mark>minutes</mark> &amp; more", "minutes.docx");
        SearchHit ann = new SearchHit("ann-7", SearchDocument.Kind.ANNOUNCEMENT, "News", "cataloguing", "announcement", null, 1f, "", null);
        SearchResource.Answer answer = new SearchResource.Answer(List.of(doc, ann), 41, 1, 20,
                Map.of("type", List.of(new FacetValue("text", 30, false), new FacetValue("pdf", 11, true)),
                        "group", List.of(new FacetValue("cataloguing", 41, false))),
                "minutes", null, 45);
        SearchLink link = SearchLink.of("minutes").with(Facet.TYPE, "pdf");

        SearchView cut = new SearchView(answer, link, Map.of("cataloguing", "Cataloguing & Metadata"), new Formats(), "/ctx");

        assertEquals("/ctx/documents/document.xhtml?id=12", cut.getHits().get(0).href());
        assertEquals("/ctx/announcements/announcement.xhtml?id=7", cut.getHits().get(1).href());
        assertEquals("Cataloguing & Metadata", cut.getHits().get(0).group());
        assertEquals("2026-10-05", cut.getHits().get(0).date());
        assertEquals("the <mark>minutes</mark> &amp; more", cut.getHits().get(0).snippet());
        assertEquals("41 results", cut.getTotalText());
        assertEquals("The search index is being rebuilt (45 %); results may be incomplete.", cut.getRebuildingNotice());
        assertEquals(3, cut.getPageCount());
        assertNull(cut.getPreviousHref());
        assertEquals("/ctx/search.xhtml?q=minutes&type=pdf&page=2", cut.getNextHref());

        assertEquals(List.of("Group", "Type"), cut.getFacets().stream().map(SearchView.FacetPanel::label).toList(), "in the order of Facet");
        SearchView.FacetLink text = cut.getFacets().get(1).values().get(0);
        SearchView.FacetLink pdf = cut.getFacets().get(1).values().get(1);
        assertEquals("/ctx/search.xhtml?q=minutes&type=pdf&type=text", text.href(), "adds to the selection");
        assertTrue(pdf.selected());
        assertEquals("/ctx/search.xhtml?q=minutes", pdf.href(), "a selected value's link removes it");
        assertEquals("Cataloguing & Metadata", cut.getFacets().get(0).values().get(0).label());
    }

    @Test
    void aSnippetWithAnyMarkupButMarkIsShownAsText() {
        assertEquals("a <mark>b</mark>", SearchView.safe("a <mark>b</mark>"));
        assertEquals("&lt;script&gt;x&lt;/script&gt; &lt;mark&gt;b&lt;/mark&gt;", SearchView.safe("<script>x</script> <mark>b</mark>"));
        assertEquals("", SearchView.safe(null));
    }

    @Test
    void aLongPasteIsCutAtAWordSoTheAddressStaysShort() {
        String paste = "word ".repeat(5000);
        String cut = SearchLink.cut(paste);
        assertTrue(cut.length() <= 1000 && cut.endsWith("word"), cut.length() + " " + cut.substring(cut.length() - 10));
        assertEquals("a b", SearchLink.cut("  a b  "));
        assertEquals("", SearchLink.cut(null));
    }

    @Test
    void totalsReadAsWords() {
        assertEquals("No results", view(0).getTotalText());
        assertEquals("1 result", view(1).getTotalText());
        assertEquals("1,234 results", view(1234).getTotalText());
    }

    private static SearchView view(long total) {
        return new SearchView(new SearchResource.Answer(List.of(), total, 1, 20, Map.of(), "", null, null), SearchLink.of("x"),
                Map.of(), new Formats(), "");
    }
}
