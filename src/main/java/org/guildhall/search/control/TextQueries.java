package org.guildhall.search.control;

import static org.guildhall.search.control.QueryBuilder.boosted;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.guildhall.search.control.ParsedQuery.QueryTerm;

/**
 * The query for one word, phrase or prefix over the text fields, weighted so that a match in
 * the title counts most, then the tags, then the body; file and author names count like body.
 */
final class TextQueries {

    static final float TITLE_BOOST = 3f;
    static final float TAGS_BOOST = 2f;
    static final float BODY_BOOST = 1f;
    static final float NAME_BOOST = 1f;
    /**
     * The unstemmed shadows add a little on top of the stemmed fields, so the exact form ranks
     * above its variants; they alone find stop words ("The Who") and what stemming would mangle.
     */
    static final float TITLE_EXACT_BOOST = 1.5f;
    static final float BODY_EXACT_BOOST = 0.5f;
    /**
     * What a document gets for each of the query's words it has, whatever field and however
     * often: more than one word's BM25 score ever reaches in practice, so documents with more of
     * the words rank first, and BM25 (title over tags over body) orders those with as many.
     */
    static final float COVERAGE = 100f;
    /** How much the fields other than the best one add to a term's score. */
    static final float TIE_BREAKER = 0.1f;

    /** Analyses text with each field's own analyzer: what was indexed is what is asked for. */
    private final org.apache.lucene.util.QueryBuilder analysis;

    TextQueries(Analyzer analyzer) {
        this.analysis = new org.apache.lucene.util.QueryBuilder(analyzer);
    }

    Query any(QueryTerm term) {
        return switch (term.form()) {
            case WORD -> word(term.text());
            case PHRASE -> phrase(term.text());
            case PREFIX -> prefix(term.text());
        };
    }

    /**
     * A word in any text field, stemmed and exact. A word the analyzer splits ("e-mail",
     * "東京") is matched as a phrase of its pieces, not as any one of them. A word that is more
     * than a stop word also scores {@link #COVERAGE} when found anywhere.
     */
    Query word(String word) {
        Query stemmedTitle = analysis.createPhraseQuery(Fields.TITLE, word);
        Query any = best(
                boosted(stemmedTitle, TITLE_BOOST),
                boosted(analysis.createPhraseQuery(Fields.TITLE_EXACT, word), TITLE_EXACT_BOOST),
                boosted(analysis.createPhraseQuery(Fields.TAGS_TEXT, word), TAGS_BOOST),
                boosted(analysis.createPhraseQuery(Fields.BODY, word), BODY_BOOST),
                boosted(analysis.createPhraseQuery(Fields.BODY_EXACT, word), BODY_EXACT_BOOST),
                boosted(analysis.createPhraseQuery(Fields.FILE_NAME, word), NAME_BOOST),
                boosted(analysis.createPhraseQuery(Fields.AUTHOR_TEXT, word), NAME_BOOST));
        // "the" is in nearly every text: counting it would rank by how many stop words a text has
        return any == null || stemmedTitle == null ? any : covered(any);
    }

    /** Quoted text, matched exactly: the unstemmed fields, a whole tag, or a name. */
    Query phrase(String phrase) {
        return best(
                boosted(analysis.createPhraseQuery(Fields.TITLE_EXACT, phrase), TITLE_BOOST),
                boosted(new TermQuery(new Term(Fields.TAG, DocumentMapper.keyword(phrase))), TAGS_BOOST),
                boosted(analysis.createPhraseQuery(Fields.BODY_EXACT, phrase), BODY_BOOST),
                boosted(analysis.createPhraseQuery(Fields.FILE_NAME, phrase), NAME_BOOST),
                boosted(analysis.createPhraseQuery(Fields.AUTHOR_TEXT, phrase), NAME_BOOST));
    }

    /**
     * Words starting so, on the unstemmed fields (a stem is not what people type the start of).
     * The parser lets only letters and digits through, so lower-casing is all the analysis needed.
     */
    Query prefix(String prefix) {
        String start = prefix.toLowerCase(Locale.ROOT);
        return covered(best(
                boosted(new PrefixQuery(new Term(Fields.TITLE_EXACT, start)), TITLE_BOOST),
                boosted(new PrefixQuery(new Term(Fields.TAG, start)), TAGS_BOOST),
                boosted(new PrefixQuery(new Term(Fields.BODY_EXACT, start)), BODY_BOOST),
                boosted(new PrefixQuery(new Term(Fields.FILE_NAME, start)), NAME_BOOST)));
    }

    /**
     * The same term on the stored body field alone, which is what snippets are cut from; stop
     * words that only the exact field knows are left unmarked.
     */
    Query body(QueryTerm term) {
        return switch (term.form()) {
            case WORD, PHRASE -> analysis.createPhraseQuery(Fields.BODY, term.text());
            case PREFIX -> new PrefixQuery(new Term(Fields.BODY, term.text().toLowerCase(Locale.ROOT)));
        };
    }

    /**
     * The query's own score plus {@link #COVERAGE} for matching at all. Costs each field clause
     * twice against the clause limit, which {@link SearchQueryParser#MAX_TERMS} allows for.
     */
    private static Query covered(Query query) {
        return new BooleanQuery.Builder()
                .add(new BoostQuery(new ConstantScoreQuery(query), COVERAGE), Occur.SHOULD)
                .add(query, Occur.SHOULD)
                .build();
    }

    /**
     * Any of the clauses, scored by the best field plus a little of the others. A sum would let
     * one word found in five fields outweigh two words found once each; with the best field
     * counting, matching more of the words is what ranks a document first. Null when analysis
     * left no clause (a phrase of stop words in a stemmed field).
     */
    private static Query best(Query... clauses) {
        List<Query> present = Arrays.stream(clauses).filter(Objects::nonNull).toList();
        return present.isEmpty() ? null : new DisjunctionMaxQuery(present, TIE_BREAKER);
    }
}
