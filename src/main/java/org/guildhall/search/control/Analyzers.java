package org.guildhall.search.control;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The analyzers of the index, built in code rather than looked up by name: SPI look-ups depend
 * on the class loader, and a WAR's is not the one Lucene's service files assume.
 */
final class Analyzers {

    /**
     * Positions between two values of one field (two parts of a document, two tags), so a
     * phrase never matches across the end of one attachment and the start of the next.
     */
    static final int VALUE_GAP = 100;

    private Analyzers() {
    }

    /** English for the ranking fields, unstemmed for the exact shadows, word pieces for names. */
    static Analyzer perField() {
        Analyzer exact = exact();
        Analyzer names = names();
        return new PerFieldAnalyzerWrapper(english(), Map.of(
                Fields.TITLE_EXACT, exact,
                Fields.BODY_EXACT, exact,
                Fields.FILE_NAME, names,
                Fields.AUTHOR_TEXT, names));
    }

    /**
     * Standard (Unicode) words, possessives dropped, lower case, English stop words removed,
     * accents folded (so "cafe" finds "Café"), Porter stemming (so "meetings" finds "meeting").
     * Words in other languages pass through, stemmed the same way at index and query time.
     */
    static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                stream = new ASCIIFoldingFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return VALUE_GAP;
            }
        };
    }

    /** Standard words in lower case and nothing else: what a quoted phrase must match exactly. */
    static Analyzer exact() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return VALUE_GAP;
            }
        };
    }

    /**
     * Runs of letters and digits: the standard tokenizer keeps "minutes.docx" and
     * "budget_2026" whole, but people search file names and author names by their pieces.
     */
    static Analyzer names() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return VALUE_GAP;
            }
        };
    }
}
