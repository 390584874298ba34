package org.guildhall.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.guildhall.it.Portal;

/**
 * {@code scripts/bench pages [N]}: the home page, a group page and the search results page as a
 * logged-in member (a real session cookie), each at concurrency 16 for 30 s with a Java HTTP
 * client: requests/s, p50/p99, errors (anything but 200). Uses the prepared data folder of the
 * search benchmark (N documents, 1,000 unless given), preparing it when missing.
 * System property {@code bench.pages.seconds} changes the 30 s.
 */
final class Pages {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1000;
        double seconds = Double.parseDouble(System.getProperty("bench.pages.seconds", "30"));
        int concurrency = Integer.getInteger("bench.pages.concurrency", 16);
        Path corpus = Corpus.ensure(n);
        List<Corpus.Query> queries = Corpus.readQueries(corpus);
        List<Bench.Latencies> runs = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Guild guild = Guild.start(Search.dataFolder(n))) {
            report.put("preparation", Search.prepare(guild, n, corpus, Corpus.readManifest(corpus)));
            report.put("secondsUntilStartUpCheckDone", Bench.round(guild.awaitIndexSettled()));
            Portal member = guild.session(Guild.MEMBER, Guild.MEMBER_PASSWORD);
            String cookie = "JSESSIONID=" + member.sessionId().orElseThrow();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI base = guild.base();
            AtomicInteger next = new AtomicInteger();
            Map<String, java.util.function.Supplier<String>> pages = new LinkedHashMap<>();
            pages.put("home page /", () -> "/");
            pages.put("group page /groups/group.xhtml?slug=" + Guild.MEMBER_GROUPS.get(0), () -> "/groups/group.xhtml?slug=" + Guild.MEMBER_GROUPS.get(0));
            pages.put("search page /search.xhtml?q=… (the query set in turn)", () -> "/search.xhtml?q="
                    + URLEncoder.encode(queries.get(next.getAndIncrement() % queries.size()).guildhall(), StandardCharsets.UTF_8));
            System.out.printf("Pages as member %s, concurrency %d, %.0f s each%n", Guild.MEMBER, concurrency, seconds);
            for (Map.Entry<String, java.util.function.Supplier<String>> page : pages.entrySet()) {
                // warm-up: a few seconds at the same concurrency, not measured
                Runner.forDuration("warm-up " + page.getKey(), concurrency, Math.min(5, seconds), () -> fetch(http, base, page.getValue().get(), cookie));
                runs.add(Runner.forDuration(page.getKey(), concurrency, seconds, () -> fetch(http, base, page.getValue().get(), cookie)));
            }
            report.put("guildhallPeakRssBytes", guild.serverHighWaterMark());
        }
        Bench.table("Pages: logged-in member, concurrency " + concurrency + ", " + (int) seconds + " s per page (" + n + " documents in the portal)",
                Bench.LATENCY_HEADER, runs.stream().map(Bench::latencyRow).toList());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("documents", n);
        inputs.put("concurrency", concurrency);
        inputs.put("secondsPerPage", seconds);
        inputs.put("client", "java.net.http.HttpClient, HTTP/1.1, one session cookie");
        report.put("inputs", inputs);
        report.put("runs", runs.stream().map(Bench.Latencies::json).toList());
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("zero errors", runs.stream().allMatch(r -> r.errors() == 0));
        report.put("goals", goals);
        Bench.write("pages-" + n, report);
    }

    /** One page; only a 200 with a page that is not the login form counts. */
    static boolean fetch(HttpClient http, URI base, String path, String cookie) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("id=\"login\"");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
