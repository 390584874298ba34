package org.guildhall.search.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * Autocomplete and "did you mean", both answered from what the reader may see: every
 * candidate is checked against the index with the permission filter before it is offered.
 */
final class Suggestions {

    static final int LIMIT = 10;
    static final int MAX_TAGS = 5;
    static final int MAX_TYPED_CHARS = 100;
    /** Spelling candidates fetched from the whole index before the reader's view sorts them out. */
    static final int SPELLING_CANDIDATES = 50;

    private final Analyzer analyzer;

    Suggestions(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Tags that start with the typed text, then titles with a word starting so (newest first). */
    List<Suggestion> complete(IndexSearcher searcher, String typed, Query permission) throws IOException {
        String text = typed == null ? "" : SearchQueryParser.cut(typed, MAX_TYPED_CHARS);
        if (!SearchQueryParser.searchable(text)) {
            return List.of();
        }
        List<Suggestion> suggestions = new ArrayList<>();
        String tagStart = DocumentMapper.keyword(text);
        Query tags = QueryBuilder.within(new PrefixQuery(new Term(Fields.TAG, tagStart)), permission);
        FacetCounts.values(searcher.getIndexReader(), searcher.search(tags, new FacetsCollectorManager()), Facet.TAG, Set.of(),
                        value -> value.startsWith(tagStart)).stream()
                .limit(MAX_TAGS)
                .forEach(value -> suggestions.add(new Suggestion(value.value(), Suggestion.Source.TAG)));
        List<String> words = tokens(Fields.TITLE_EXACT, text);
        if (words.isEmpty()) {
            return suggestions;
        }
        BooleanQuery.Builder title = new BooleanQuery.Builder();
        for (int i = 0; i < words.size() - 1; i++) {
            title.add(new TermQuery(new Term(Fields.TITLE_EXACT, words.get(i))), Occur.MUST);
        }
        String last = words.get(words.size() - 1);
        // "annual " has finished its last word; "annual" may still be growing
        boolean finished = Character.isWhitespace(text.charAt(text.length() - 1));
        title.add(finished ? new TermQuery(new Term(Fields.TITLE_EXACT, last)) : new PrefixQuery(new Term(Fields.TITLE_EXACT, last)),
                Occur.MUST);
        Set<String> titles = new LinkedHashSet<>();
        Query visibleTitles = QueryBuilder.within(title.build(), permission);
        for (ScoreDoc hit : searcher.search(visibleTitles, LIMIT * 3, ResultPages.newestFirst()).scoreDocs) {
            titles.add(searcher.storedFields().document(hit.doc, Set.of(Fields.TITLE)).get(Fields.TITLE));
        }
        titles.stream().limit(LIMIT - suggestions.size())
                .forEach(t -> suggestions.add(new Suggestion(t, Suggestion.Source.TITLE)));
        return suggestions;
    }

    /**
     * A visible word close to one the reader typed and cannot find. Lucene's spell checker finds
     * candidates in the whole index; each is offered only when a document the reader may see
     * has it, and candidates are ranked by closeness and the reader's own document counts, so
     * neither an answer nor its order depends on documents of other groups. The whole index's
     * frequency limit on the typed word is switched off for the same reason.
     */
    Optional<String> didYouMean(IndexSearcher searcher, String typed, Query permission) throws IOException {
        List<String> tokens = typed == null ? List.of() : tokens(Fields.BODY_EXACT, SearchQueryParser.cut(typed, MAX_TYPED_CHARS));
        if (tokens.size() != 1 || visible(searcher, tokens.get(0), permission) > 0) {
            return Optional.empty();
        }
        String word = tokens.get(0);
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxQueryFrequency(Integer.MAX_VALUE);
        checker.setMinQueryLength(3);
        Map<String, Float> closeness = new LinkedHashMap<>();
        for (String field : List.of(Fields.TITLE_EXACT, Fields.BODY_EXACT)) {
            for (SuggestWord candidate : checker.suggestSimilar(new Term(field, word), SPELLING_CANDIDATES,
                    searcher.getIndexReader(), SuggestMode.SUGGEST_ALWAYS)) {
                closeness.merge(candidate.string, candidate.score, Math::max);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String candidate : closeness.keySet()) {
            counts.put(candidate, visible(searcher, candidate, permission));
        }
        return closeness.keySet().stream()
                .filter(candidate -> counts.get(candidate) > 0 && !candidate.equals(word))
                .min(Comparator.<String, Float>comparing(closeness::get).reversed()
                        .thenComparing(counts::get, Comparator.reverseOrder())
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Documents the reader may see with this exact word in the title or text. */
    private static int visible(IndexSearcher searcher, String word, Query permission) throws IOException {
        Query either = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TITLE_EXACT, word)), Occur.SHOULD)
                .add(new TermQuery(new Term(Fields.BODY_EXACT, word)), Occur.SHOULD)
                .build();
        return searcher.count(QueryBuilder.within(either, permission));
    }

    private List<String> tokens(String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // analysing a string in memory does no I/O
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
