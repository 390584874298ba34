package org.guildhall.search.control;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import java.util.function.Supplier;

/** Counts a query's leaves the way {@code IndexSearcher} does before it refuses too many clauses. */
final class ClauseCount extends QueryVisitor {

    private int count;

    private ClauseCount() {
    }

    static int of(Query query) {
        ClauseCount visitor = new ClauseCount();
        query.visit(visitor);
        return visitor.count;
    }

    @Override
    public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
        // like IndexSearcher: prohibited clauses count too
        return this;
    }

    @Override
    public void visitLeaf(Query query) {
        count++;
    }

    @Override
    public void consumeTerms(Query query, Term... terms) {
        count++;
    }

    @Override
    public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
        count++;
    }
}
