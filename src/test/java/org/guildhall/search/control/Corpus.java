package org.guildhall.search.control;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.guildhall.search.control.SearchDocument.Kind;
import org.guildhall.search.control.SearchDocument.Part;

/**
 * Twelve hand-made entries in three groups: chess (1) and garden (2) are open, board (3) is
 * private. Dates are all different so newest-first orders are fixed.
 */
final class Corpus {

    static final long CHESS = 1;
    static final long GARDEN = 2;
    static final long BOARD = 3;
    /** Someone who may read the open groups only. */
    static final Set<Long> PUBLIC = Set.of(CHESS, GARDEN);
    /** A board member, who may read everything. */
    static final Set<Long> BOARD_MEMBER = Set.of(CHESS, GARDEN, BOARD);

    private Corpus() {
    }

    static List<SearchDocument> documents() {
        return List.of(
                document(1, CHESS, "chess", "Annual General Meeting minutes 2025", "word", "2025-03-10", "Ada Lovelace",
                        "agm-minutes-2025.docx", List.of("minutes", "agm"),
                        new Part(null, "Minutes of the annual general meeting. The treasurer presented the budget. "
                                + "Members elected a new chair.")),
                document(2, CHESS, "chess", "Opening repertoire for beginners", "pdf", "2024-06-01", "Bobby Fischer",
                        "openings.pdf", List.of("openings", "training"),
                        new Part(null, "The Sicilian Defence and the Queen's Gambit are good first openings. "
                                + "Beginners should learn the ideas, not the moves.")),
                document(3, CHESS, "chess", "Tournament budget 2026", "spreadsheet", "2026-01-15", "Ada Lovelace",
                        "budget-2026.xlsx", List.of("budget", "tournament"),
                        new Part(null, "Budget for the spring tournament: prizes, venue and arbiters.")),
                announcement(4, CHESS, "chess", "Club night moves to Thursday", "2026-02-01",
                        "From next week the club meets on Thursday evenings."),
                document(5, GARDEN, "garden", "Compost guide", "pdf", "2025-05-20", "Gertrude Jekyll",
                        "compost.pdf", List.of("compost", "howto"),
                        new Part(null, "Good compost needs worms, air and patience. Turn the heap every week.")),
                document(6, GARDEN, "garden", "Seed swap email", "email", "2025-09-02", "Gertrude Jekyll",
                        "seed-swap.eml", List.of("seeds"),
                        new Part(null, "Please find the notes of the seed swap attached."),
                        new Part("/minutes.docx", "The seed swap raised money for the greenhouse fund. Tomatoes were popular.")),
                document(7, GARDEN, "garden", "Greenhouse repairs quote", "pdf", "2026-03-05", "Percy Thrower",
                        "quote.pdf", List.of("greenhouse", "budget"),
                        new Part(null, "Quote for new glass panels <script>alert('x')</script> for the greenhouse roof.")),
                announcement(8, GARDEN, "garden", "Annual meeting date announced", "2026-04-01",
                        "The annual meeting of the garden group will be held in May."),
                document(9, GARDEN, "garden", "Jardinería: guía de riego", "word", "2024-11-11", "Gertrude Jekyll",
                        "riego.docx", List.of(),
                        new Part(null, "El riego por goteo ahorra agua en el jardín.")),
                document(10, BOARD, "board", "Confidential salary review", "spreadsheet", "2025-12-01", "Ada Lovelace",
                        "salaries.xlsx", List.of("salaries", "confidential"),
                        new Part(null, "Salary review for the coming year. The treasurer proposes a freeze.")),
                document(11, BOARD, "board", "Minutes of the closed board meeting", "word", "2026-02-20", "Ada Lovelace",
                        "board-minutes.docx", List.of("minutes", "board"),
                        new Part(null, "The board discussed the pomegranate merger. Minutes approved.")),
                document(12, CHESS, "chess", "Endgame studies", "pdf", "2024-01-20", "Bobby Fischer",
                        "endgames.pdf", List.of("training"),
                        new Part(null, "Rook endgames are the most common endgames in practice."),
                        new Part("/appendix/lucena.txt", "The Lucena position is a winning rook endgame.")));
    }

    static IndexSearch indexed(IndexSearch index) throws IOException {
        for (SearchDocument document : documents()) {
            index.index(document);
        }
        index.refresh();
        return index;
    }

    /**
     * The corpus written as uploads arrive: two documents at a time, each pair visible before the
     * next, then one written again with its text; committed as change 7. That leaves seven small
     * segments and one deleted entry, which Lucene's own merging leaves alone; only a forced merge
     * makes them one. The index's reopen thread may split a pair (more segments), and then the
     * rewritten entry's segment may go whole (no deleted entry): tests assert only what holds
     * either way.
     */
    static IndexSearch fragmented(IndexSearch index) throws IOException {
        List<SearchDocument> documents = documents();
        for (int i = 0; i < documents.size(); i += 2) {
            index.index(documents.get(i));
            index.index(documents.get(i + 1));
            index.refresh();
        }
        index.index(documents.get(0));
        index.refresh();
        index.commit(7);
        return index;
    }

    static SearchDocument document(long id, long groupId, String slug, String title, String type, String day, String author,
            String fileName, List<String> tags, Part... parts) {
        return new SearchDocument(SearchDocument.documentId(id), Kind.DOCUMENT, groupId, slug, title, List.of(parts), fileName,
                tags, author, type, Instant.parse(day + "T10:00:00Z"), 1);
    }

    static SearchDocument announcement(long id, long groupId, String slug, String title, String day, String text) {
        return new SearchDocument(SearchDocument.announcementId(id), Kind.ANNOUNCEMENT, groupId, slug, title,
                List.of(new Part(null, text)), null, List.of(), null, null, Instant.parse(day + "T10:00:00Z"), 1);
    }
}
