package org.guildhall.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One visitor of the portal over plain HTTP, with its own cookies: reads pages, submits JSF
 * forms the way a browser would (with the page's ViewState), and calls the API.
 */
public class Portal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern NONCE = Pattern.compile("PrimeFaces.csp.init\\('([^']+)'\\)");
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final Duration timeout;

    public Portal(URI base) {
        this(base, null, Duration.ofSeconds(60));
    }

    /** A visitor over HTTPS with this TLS context (a test's own trust, for a loopback server's self-signed certificate). */
    public Portal(URI base, javax.net.ssl.SSLContext tls) {
        this(base, tls, Duration.ofSeconds(60));
    }

    /** A visitor who waits up to {@code timeout} for each answer (a soak on a busy machine waits longer). */
    public Portal(URI base, Duration timeout) {
        this(base, null, timeout);
    }

    private Portal(URI base, javax.net.ssl.SSLContext tls, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        // HTTP/1.1 as browsers speak it to a plain-HTTP server; Java's client would otherwise try an h2c upgrade
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** Closes this visitor's kept-alive connections, as a browser does when it is closed. */
    @Override
    public void close() {
        http.close();
    }

    CookieManager cookies() {
        return cookies;
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET that follows redirects within the portal, as a browser would. */
    public HttpResponse<String> open(String path) {
        HttpResponse<String> response = get(path);
        for (int i = 0; i < 5 && response.statusCode() / 100 == 3; i++) {
            response = get(response.headers().firstValue("Location").orElseThrow());
        }
        return response;
    }

    /**
     * Submits the form of a page: the fields given, the ViewState the page carried, and the
     * button that was pressed. Field names are the form's client ids without the form prefix.
     */
    public HttpResponse<String> submit(String path, String formId, String button, Map<String, String> fields) {
        HttpResponse<String> page = get(path);
        return post(path, formId, button, fields, page.body());
    }

    /** Posts a form of a page already loaded, with that page's ViewState and CSP nonce, as its JavaScript would. */
    public HttpResponse<String> post(String path, String formId, String button, Map<String, String> fields, String pageHtml) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form(formId, button, fields, pageHtml)))));
    }

    /** The fields a plain (non-AJAX) submit of that form sends: the page's ViewState and CSP nonce when it has them. */
    static Map<String, String> form(String formId, String button, Map<String, String> fields, String pageHtml) {
        String viewState = viewState(pageHtml);
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        fields.forEach((name, value) -> form.put(formId + ":" + name, value));
        form.put(formId + ":" + button, button);
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        return form;
    }

    public HttpResponse<String> login(String username, String password) {
        return submit("/login.xhtml", "login", "submit", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> login(String username, String password, String next) {
        return submit("/login.xhtml?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), "login", "submit",
                Map.of("username", username, "password", password));
    }

    /**
     * A PrimeFaces AJAX request from a page already loaded, as its button would send it:
     * the whole form is processed, the form and messages are re-rendered.
     */
    public HttpResponse<String> ajax(String path, String formId, String source, Map<String, String> fields, String pageHtml) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(encode(ajaxForm(formId, source, fields, pageHtml)))));
    }

    /** The fields a PrimeFaces AJAX button of that form sends (without a ViewState when the page has none). */
    static Map<String, String> ajaxForm(String formId, String source, Map<String, String> fields, String pageHtml) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", formId + ":" + source);
        form.put("jakarta.faces.partial.execute", formId);
        form.put("jakarta.faces.partial.render", formId + " messages");
        form.put(formId + ":" + source, formId + ":" + source);
        form.put(formId, formId);
        fields.forEach((name, value) -> form.put(formId + ":" + name, value));
        String viewState = viewState(pageHtml);
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        return form;
    }

    /** Any request, with this visitor's cookies (a cross-site page makes the browser send them too). */
    HttpResponse<String> exchange(HttpRequest.Builder request) {
        return send(request);
    }

    /**
     * A Faces partial request from a page already loaded, with exactly these parameters (client
     * ids in full) plus the page's ViewState and CSP nonce: what a crafted AJAX post looks like.
     */
    public HttpResponse<String> partial(String path, Map<String, String> params, String pageHtml) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.putAll(params);
        form.put("jakarta.faces.ViewState", viewState(pageHtml));
        nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /**
     * A full (non-AJAX) postback from a page already loaded, with exactly these parameters (client
     * ids in full) plus the page's ViewState and CSP nonce: a crafted form post.
     */
    public HttpResponse<String> postback(String path, Map<String, String> params, String pageHtml) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("jakarta.faces.ViewState", viewState(pageHtml));
        nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /**
     * A PrimeFaces advanced (AJAX) file upload from a page already loaded, as its upload widget
     * sends one file: multipart, the file in a part named after the component's client id.
     */
    public HttpResponse<String> ajaxUpload(String path, String formId, String uploadClientId, Map<String, String> extra, Upload file, String pageHtml) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(formId, formId);
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", uploadClientId);
        form.put("jakarta.faces.partial.execute", uploadClientId);
        form.put("jakarta.faces.partial.render", "messages");
        form.put(uploadClientId + "_totalFilesCount", "1");
        form.putAll(extra);
        form.put("jakarta.faces.ViewState", viewState(pageHtml));
        nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        String boundary = "----guildhall" + System.nanoTime();
        byte[] body = multipartBody(boundary, form, uploadClientId, java.util.List.of(file));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Faces-Request", "partial/ajax")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any request with these headers and body, sent with this visitor's cookies (none for a fresh visitor). */
    public HttpResponse<String> exchange(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Creates a personal FEED token on the account page, as the logged-in user would, and returns its secret. */
    public String issueFeedToken(String name) {
        HttpResponse<String> page = get("/account/index.xhtml");
        HttpResponse<String> response = ajax("/account/index.xhtml", "tokens", "issue",
                Map.of("token-name", name, "token-scope_input", "FEED"), page.body());
        Matcher secret = Pattern.compile("ghf_[A-Za-z0-9_-]{20,}").matcher(response.body());
        if (!secret.find()) {
            throw new IllegalStateException("No feed token in the account page's answer: " + response.body());
        }
        return secret.group();
    }

    /** Creates a personal API token on the account page, as the logged-in user would, and returns its secret. */
    public String issueApiToken(String name) {
        HttpResponse<String> page = get("/account/index.xhtml");
        if (page.statusCode() != 200) {
            throw new IllegalStateException("Account page answered " + page.statusCode());
        }
        HttpResponse<String> response = ajax("/account/index.xhtml", "tokens", "issue",
                Map.of("token-name", name, "token-scope_input", "API"), page.body());
        Matcher secret = Pattern.compile("gha_[A-Za-z0-9_-]{20,}").matcher(response.body());
        if (!secret.find()) {
            throw new IllegalStateException("No token in the account page's answer: " + response.body());
        }
        return secret.group();
    }

    /** Signs up a new account through the sign-up page. */
    public HttpResponse<String> signUp(String username, String password) {
        return submit("/signup.xhtml", "signup", "submit",
                Map.of("username", username, "displayName", "Test " + username, "email", username + "@test.example", "password", password));
    }

    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst();
    }

    public HttpResponse<String> api(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1" + path)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        // the API ignores cookies on purpose; this client sends none so the test shows the token alone suffices
        return sendWithoutCookies(request);
    }

    /** PrimeFaces' CSP mode accepts a postback only with the nonce of the page it came from. */
    static Optional<String> nonce(String html) {
        Matcher matcher = NONCE.matcher(html);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A file to send in a multipart upload. */
    public record Upload(String fileName, byte[] content) {
        public static Upload of(java.nio.file.Path file) {
            try {
                return new Upload(file.getFileName().toString(), java.nio.file.Files.readAllBytes(file));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** POSTs files (parts named "file") and text fields as multipart/form-data to the API, with a token. */
    public HttpResponse<String> multipart(String path, String token, Map<String, String> fields, java.util.List<Upload> files) {
        return multipart(path, token, fields, files, false);
    }

    /** @param withoutLength send the body chunked, without a Content-Length, as a client streaming a file of unknown size does */
    public HttpResponse<String> multipart(String path, String token, Map<String, String> fields, java.util.List<Upload> files,
            boolean withoutLength) {
        String boundary = "----guildhall" + System.nanoTime();
        byte[] body = multipartBody(boundary, fields, files);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1" + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(withoutLength ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return sendWithoutCookies(request);
    }

    /** A multipart/form-data body as browsers send it: the text fields, then each file as a part named "file". */
    public static byte[] multipartBody(String boundary, Map<String, String> fields, java.util.List<Upload> files) {
        return multipartBody(boundary, fields, "file", files);
    }

    /** The same with the file parts under another name (PrimeFaces names them after the upload component). */
    public static byte[] multipartBody(String boundary, Map<String, String> fields, String filePart, java.util.List<Upload> files) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((name, value) -> {
            text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        });
        for (Upload file : files) {
            // the name is sent as raw UTF-8, as browsers do; quotes and CR/LF escaped as in the HTML standard
            String name = file.fileName().replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
            text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart + "\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(file.content());
            text.accept("\r\n");
        }
        text.accept("--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    /** GET of a binary resource (downloads), with this visitor's cookies. */
    public HttpResponse<byte[]> bytes(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String viewState(String html) {
        Matcher matcher = VIEW_STATE.matcher(html);
        return matcher.find() ? matcher.group(1) : null;
    }

    URI uri(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return URI.create(path);
        }
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return URI.create(root + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> sendWithoutCookies(HttpRequest.Builder request) {
        try (HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()) {
            return plain.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** GET /api/v1/search as the token's owner (anonymous with null), up to 50 hits; fails on anything but 200. */
    public JsonNode search(String q, String token) {
        HttpResponse<String> response = api("GET", "/search?size=50&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("search for " + q + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("search for " + q + " answered no JSON: " + response.body(), e);
        }
    }

    /**
     * Polls the search until it reports this total or the limit passes (the index follows a
     * commit within a moment; extraction may take longer); answers the last answer, whose total
     * the caller asserts.
     */
    public JsonNode awaitSearchTotal(String q, String token, long expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode answer = search(q, token);
        while (answer.get("total").asLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = search(q, token);
        }
        return answer;
    }
}
