package org.guildhall.search.control;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * What a hit shows and the body its snippet comes from, decoded once per segment and document
 * and kept in a least-recently-used map bounded by characters, as Solr's {@code documentCache}.
 * Reading a hit's stored block (LZ4 decompression) was the largest single cost of a warm
 * search, 29 % of its CPU (issue 6), and the same documents come back: 21,380 hits of the
 * benchmark's queries at 10,000 documents were 2,478 distinct ones.
 * <p>
 * An entry can never be stale: it is keyed by the segment's core, whose stored fields never
 * change. Replacing a document writes it into a new segment under a new key, and a deleted
 * document is no longer a hit. Entries of a segment a merge retired are dropped when its core closes.
 * Thread-safe.
 */
final class StoredHits {

    /** What a hit shows, and the body its snippet comes from. */
    static final Set<String> FIELDS = Set.of(Fields.ID, Fields.KIND, Fields.TITLE, Fields.GROUP, Fields.TYPE,
            Fields.DATE, Fields.PART, Fields.BODY);
    /**
     * About 32 MB of the server's 768 MB heap for English text (a Latin-1 string takes a byte per
     * character): some 2,000 generated documents of the benchmark.
     */
    static final long DEFAULT_MAX_CHARS = 32_000_000;
    /**
     * A single entry larger than this would push out a large share of the others: read, not
     * kept. A generated document of the benchmark is at most 50,000 characters.
     */
    static final long DEFAULT_MAX_ENTRY_CHARS = DEFAULT_MAX_CHARS / 16;

    /** One hit's stored fields. */
    record StoredHit(String id, SearchDocument.Kind kind, String title, String group, String type, long date,
            String[] parts, String body) {

        long chars() {
            long chars = body.length() + id.length() + (title == null ? 0 : title.length());
            for (String part : parts) {
                chars += part.length();
            }
            return chars;
        }
    }

    private record Key(IndexReader.CacheKey segment, int doc) {
    }

    private final long maxChars;
    private final long maxEntryChars;
    private final LinkedHashMap<Key, StoredHit> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Set<IndexReader.CacheKey> watchedSegments = new HashSet<>();
    private long chars;
    private long hits;
    private long misses;

    StoredHits(long maxChars, long maxEntryChars) {
        this.maxChars = maxChars;
        this.maxEntryChars = maxEntryChars;
    }

    /** The stored fields of these hits (top-level document numbers of the searcher's reader), in their order. */
    StoredHit[] read(IndexSearcher searcher, int[] docIds) throws IOException {
        StoredHit[] read = new StoredHit[docIds.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        StoredFields stored = null;
        for (int i = 0; i < docIds.length; i++) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docIds[i], leaves));
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            Key key = core == null ? null : new Key(core.getKey(), docIds[i] - leaf.docBase);
            StoredHit hit = key == null ? null : cached(key);
            if (hit == null) {
                if (stored == null) {
                    stored = searcher.storedFields();
                }
                hit = decode(stored.document(docIds[i], FIELDS));
                if (key != null) {
                    keep(key, core, hit);
                }
            }
            read[i] = hit;
        }
        return read;
    }

    private static StoredHit decode(Document doc) {
        String[] parts = doc.getValues(Fields.BODY);
        return new StoredHit(doc.get(Fields.ID), SearchDocument.Kind.valueOf(doc.get(Fields.KIND)), doc.get(Fields.TITLE),
                doc.get(Fields.GROUP), doc.get(Fields.TYPE), doc.getField(Fields.DATE).numericValue().longValue(),
                doc.getValues(Fields.PART), Snippets.body(parts));
    }

    private synchronized StoredHit cached(Key key) {
        StoredHit hit = entries.get(key);
        if (hit == null) {
            misses++;
        } else {
            hits++;
        }
        return hit;
    }

    private void keep(Key key, IndexReader.CacheHelper core, StoredHit hit) {
        long size = hit.chars();
        if (size > maxEntryChars) {
            return;
        }
        boolean newSegment;
        synchronized (this) {
            StoredHit previous = entries.put(key, hit);
            chars += size - (previous == null ? 0 : previous.chars());
            Iterator<StoredHit> eldest = entries.values().iterator();
            while (chars > maxChars && eldest.hasNext()) {
                chars -= eldest.next().chars();
                eldest.remove();
            }
            newSegment = watchedSegments.add(key.segment());
        }
        if (newSegment) {
            // the caller holds a searcher on this segment, so its core cannot have closed yet
            core.addClosedListener(this::forget);
        }
    }

    private synchronized void forget(IndexReader.CacheKey segment) {
        watchedSegments.remove(segment);
        Iterator<Map.Entry<Key, StoredHit>> all = entries.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<Key, StoredHit> entry = all.next();
            if (entry.getKey().segment() == segment) {
                chars -= entry.getValue().chars();
                all.remove();
            }
        }
    }

    /** Hits, misses, entries and characters held; for tests. */
    record Stats(long hits, long misses, int entries, long chars) {
    }

    synchronized Stats stats() {
        return new Stats(hits, misses, entries.size(), chars);
    }
}
