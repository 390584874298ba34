package org.guildhall.bench;

import org.guildhall.it.SoakFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The deterministic benchmark corpus: {@code N} documents (fixed seed) of English-like text whose
 * word frequencies follow a Zipf distribution over Debian's {@code wamerican} word list, 1–50 KB
 * of text each in sentences and paragraphs of varied length, spread over 20 groups with titles,
 * tags, dates and authors, as txt (40 %), html (25 %), docx (20 %, Apache POI) and pdf (15 %,
 * PDFBox). Also a fixed query set drawn from the same vocabulary and text.
 * <p>
 * Writes {@code target/bench/corpus-N/}: {@code files/}, {@code manifest.tsv} (file, group, format,
 * title, tags, author, date, text bytes) and {@code queries.tsv} (kind, query text, filter typed in the
 * query, facet value selected by parameter). The same N and seed give the same text, titles and
 * queries on every machine.
 */
public final class Corpus {

    static final long SEED = 20261127L;
    static final int GROUPS = 20;
    static final int QUERIES = 1200;
    static final Path WORDS = Path.of("/usr/share/dict/american-english");
    static final String[] FIRST = {"Ada", "Alan", "Barbara", "Carol", "Dennis", "Edsger", "Frances", "Grace", "Hedy", "Ivan",
        "Joan", "Ken", "Leslie", "Margaret", "Niklaus", "Ole", "Peter", "Radia", "Sophie", "Tim"};
    static final String[] LAST = {"Lovelace", "Turing", "Liskov", "Cataloguer", "Ritchie", "Dijkstra", "Allen", "Hopper", "Lamarr",
        "Sutherland", "Clarke", "Thompson", "Lamport", "Hamilton", "Wirth", "Dahl", "Naur", "Perlman", "Wilson", "Berners"};

    final int n;
    final Path folder;
    final List<String> vocabulary;
    final double[] cumulative;

    record Doc(String file, String group, String format, String title, List<String> tags, String author, LocalDate date, int textBytes) {
    }

    record Query(String kind, String text, String filter, String facet) {

        /** As typed into Guildhall's search box. */
        String guildhall() {
            return filter.isEmpty() ? text : (text + " " + filter).strip();
        }
    }

    Corpus(int n, Path folder) throws IOException {
        this.n = n;
        this.folder = folder;
        this.vocabulary = vocabulary();
        this.cumulative = zipf(vocabulary.size(), 1.0);
    }

    static Path folder(int n) {
        return Bench.OUT.resolve("corpus-" + n);
    }

    static String group(int i) {
        return String.format(Locale.ROOT, "sig-%02d", i + 1);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1000;
        ensure(n);
    }

    /** The corpus of N documents, generated when it is not there yet. */
    static Path ensure(int n) throws IOException {
        Path folder = folder(n);
        if (Files.exists(folder.resolve("queries.tsv"))) {
            System.out.println("Corpus of " + n + " documents already at " + folder);
            return folder;
        }
        long t = System.nanoTime();
        new Corpus(n, folder).generate();
        System.out.printf(Locale.ROOT, "Generated %d documents and %d queries in %.0f s at %s%n", n, QUERIES, (System.nanoTime() - t) / 1e9, folder);
        return folder;
    }

    /**
     * The most frequent words of written English, most frequent first: they take the top ranks, as
     * in real text, where a tenth of the words are "the", "of", "and" and "to".
     */
    static final List<String> FUNCTION_WORDS = List.of("the", "of", "and", "to", "a", "in", "is", "that", "for", "it",
            "as", "was", "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but",
            "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been",
            "if", "more", "when", "will", "would", "who", "so", "no", "she");

    /**
     * Lower-case words only (no names, no possessives): the function words first, then the rest
     * of the list in a seeded random order; the position is the frequency rank.
     */
    static List<String> vocabulary() throws IOException {
        if (!Files.exists(WORDS)) {
            throw new IllegalStateException("No word list at " + WORDS + ": install Debian's wamerican package (scripts/bench does as root)");
        }
        List<String> rest = new ArrayList<>(Files.readAllLines(WORDS, StandardCharsets.UTF_8).stream()
                .filter(w -> w.matches("[a-z]{2,}")).distinct().sorted().toList());
        rest.removeAll(FUNCTION_WORDS);
        java.util.Collections.shuffle(rest, new Random(SEED));
        List<String> words = new ArrayList<>(FUNCTION_WORDS.size() + rest.size());
        words.add(FUNCTION_WORDS.getFirst()); // "a" is one letter: the filter above would drop it
        words.addAll(FUNCTION_WORDS.subList(1, FUNCTION_WORDS.size()));
        words.addAll(rest);
        return words;
    }

    static double[] zipf(int size, double s) {
        double[] c = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < size; i++) {
            c[i] /= sum;
        }
        return c;
    }

    /** A word people search for: drawn by frequency among the first {@code limit} after the function words. */
    String queryWord(Random random, int limit) {
        return vocabulary.get(FUNCTION_WORDS.size() + rank(random) % limit);
    }

    int rank(Random random) {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(i < 0 ? -i - 1 : i, vocabulary.size() - 1);
    }

    String word(Random random) {
        return vocabulary.get(rank(random));
    }

    /** A word of middling frequency (rank between from and to): distinctive, yet found. */
    String wordBetween(Random random, int from, int to) {
        return vocabulary.get(from + random.nextInt(to - from));
    }

    static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** Paragraphs of 2–8 sentences of 4–28 words, until about the target size. */
    List<String> paragraphs(Random random, int targetBytes) {
        List<String> paragraphs = new ArrayList<>();
        int bytes = 0;
        while (bytes < targetBytes) {
            StringBuilder p = new StringBuilder();
            int sentences = 2 + random.nextInt(7);
            for (int s = 0; s < sentences && bytes + p.length() < targetBytes; s++) {
                int words = 4 + random.nextInt(25);
                for (int w = 0; w < words; w++) {
                    String word = word(random);
                    p.append(w == 0 ? capital(word) : word);
                    p.append(w == words - 1 ? (random.nextInt(8) == 0 ? "?" : ".") : (random.nextInt(12) == 0 ? ", " : " "));
                }
                p.append(' ');
            }
            String text = p.toString().strip();
            paragraphs.add(text);
            bytes += text.length() + 2;
        }
        return paragraphs;
    }

    void generate() throws IOException {
        Path files = folder.resolve("files");
        Files.createDirectories(files);
        Random random = new Random(SEED);
        List<String> tagPool = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tagPool.add(vocabulary.get(300 + i * 7));
        }
        List<String> phrases = new ArrayList<>();
        StringBuilder manifest = new StringBuilder("file\tgroup\tformat\ttitle\ttags\tauthor\tdate\ttext_bytes\n");
        LocalDate first = LocalDate.of(2019, 1, 1);
        for (int i = 0; i < n; i++) {
            String group = group(random.nextInt(GROUPS));
            int pick = random.nextInt(100);
            String format = pick < 40 ? "txt" : pick < 65 ? "html" : pick < 85 ? "docx" : "pdf";
            int titleWords = 3 + random.nextInt(5);
            List<String> title = new ArrayList<>();
            for (int w = 0; w < titleWords; w++) {
                title.add(capital(random.nextInt(3) == 0 ? wordBetween(random, 100, 20_000) : word(random)));
            }
            List<String> tags = new ArrayList<>();
            for (int t = 1 + random.nextInt(3); t > 0; t--) {
                String tag = tagPool.get(random.nextInt(tagPool.size()));
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            String author = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            LocalDate date = first.plusDays(random.nextInt(2860));
            int target = (int) Math.exp(Math.log(1024) + random.nextDouble() * (Math.log(50 * 1024) - Math.log(1024)));
            List<String> paragraphs = paragraphs(random, target);
            if (phrases.size() < 2000 && random.nextInt(3) == 0) {
                String[] words = paragraphs.get(random.nextInt(paragraphs.size())).replaceAll("[^a-zA-Z ]", "").toLowerCase(Locale.ROOT).split(" ");
                if (words.length > 3) {
                    int at = random.nextInt(words.length - 2);
                    phrases.add(words[at] + " " + words[at + 1] + (random.nextBoolean() ? " " + words[at + 2] : ""));
                }
            }
            String name = String.format(Locale.ROOT, "doc-%06d.%s", i + 1, format);
            String titleText = String.join(" ", title);
            write(files.resolve(name), format, titleText, author, date, paragraphs);
            int bytes = paragraphs.stream().mapToInt(p -> p.length() + 2).sum();
            manifest.append(name).append('\t').append(group).append('\t').append(format).append('\t').append(titleText).append('\t')
                    .append(String.join(",", tags)).append('\t').append(author).append('\t').append(date).append('\t').append(bytes).append('\n');
            if ((i + 1) % 1000 == 0) {
                System.out.printf(Locale.ROOT, "... %d documents%n", i + 1);
            }
        }
        Files.writeString(folder.resolve("manifest.tsv"), manifest);
        Files.writeString(folder.resolve("queries.tsv"), queries(new Random(SEED + 1), phrases));
    }

    /** At least 1,000 queries: one word, two to four words, phrases, prefixes, filters typed and facet values selected. */
    String queries(Random random, List<String> phrases) {
        StringBuilder out = new StringBuilder("kind\ttext\tfilter\tfacet\n");
        String[] types = {"pdf", "word", "html", "text"};
        for (int q = 0; q < QUERIES; q++) {
            int pick = random.nextInt(100);
            String kind;
            String text;
            if (pick < 25) {
                kind = "word";
                text = queryWord(random, 5000);
            } else if (pick < 50) {
                kind = "words";
                List<String> words = new ArrayList<>();
                for (int w = 2 + random.nextInt(3); w > 0; w--) {
                    words.add(queryWord(random, 8000));
                }
                text = String.join(" ", words);
            } else if (pick < 65 && !phrases.isEmpty()) {
                kind = "phrase";
                text = "\"" + phrases.get(random.nextInt(phrases.size())) + "\"";
            } else if (pick < 75) {
                kind = "prefix";
                String w;
                do {
                    w = vocabulary.get(random.nextInt(3000));
                } while (w.length() < 5);
                text = w.substring(0, 3 + random.nextInt(2)) + "*";
            } else {
                kind = "filtered";
                text = random.nextBoolean() ? vocabulary.get(rank(random) % 3000)
                        : vocabulary.get(rank(random) % 3000) + " " + vocabulary.get(rank(random) % 3000);
            }
            String filter = "";
            String facet = "";
            if (kind.equals("filtered")) {
                int f = random.nextInt(6);
                switch (f) {
                    case 0 -> filter = "group:" + group(random.nextInt(GROUPS));
                    case 1 -> filter = "type:" + types[random.nextInt(types.length)];
                    case 2 -> filter = "after:" + (2019 + random.nextInt(8)) + "-01-01";
                    case 3 -> facet = "type=" + types[random.nextInt(types.length)];
                    case 4 -> facet = "year=" + (2019 + random.nextInt(8));
                    default -> facet = "group=" + group(random.nextInt(GROUPS));
                }
            }
            out.append(kind).append('\t').append(text).append('\t').append(filter).append('\t').append(facet).append('\n');
        }
        return out.toString();
    }

    static List<Query> readQueries(Path folder) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("queries.tsv")).subList(1, Files.readAllLines(folder.resolve("queries.tsv")).size())) {
            String[] c = line.split("\t", -1);
            queries.add(new Query(c[0], c[1], c[2], c[3]));
        }
        return queries;
    }

    static List<Doc> readManifest(Path folder) throws IOException {
        List<Doc> docs = new ArrayList<>();
        List<String> lines = Files.readAllLines(folder.resolve("manifest.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            docs.add(new Doc(c[0], c[1], c[2], c[3], c[4].isEmpty() ? List.of() : List.of(c[4].split(",")), c[5], LocalDate.parse(c[6]),
                    Integer.parseInt(c[7])));
        }
        return docs;
    }

    /** The office files come from the generators the soak test uses (org.guildhall.it.SoakFiles). */
    static void write(Path file, String format, String title, String author, LocalDate date, List<String> paragraphs) throws IOException {
        switch (format) {
            case "txt" -> Files.writeString(file, title + "\n\n" + String.join("\n\n", paragraphs) + "\n");
            case "html" -> Files.write(file, SoakFiles.html(title, author, date, paragraphs));
            case "docx" -> Files.write(file, SoakFiles.docx(title, author, date, paragraphs));
            case "pdf" -> Files.write(file, SoakFiles.pdf(title, author, date, paragraphs));
            default -> throw new IllegalArgumentException(format);
        }
    }
}
