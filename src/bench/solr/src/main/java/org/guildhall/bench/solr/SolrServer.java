package org.guildhall.bench.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Apache Solr 9 on localhost for the search benchmark: writes a Solr home with one core
 * ("docs") whose schema matches Guildhall's index (keyword fields with docValues for the facets
 * and the group filter, English-stemmed title and body stored with offsets), starts a
 * {@link JettySolrRunner} on a free port, prints {@code SOLR_PORT=<port>} and serves until
 * its standard input closes or the process is stopped.
 * <p>
 * Argument: the Solr home folder (created when missing, kept between runs).
 */
public class SolrServer {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "target/bench/solr-home").toAbsolutePath();
        Path conf = home.resolve("docs/conf");
        Files.createDirectories(conf);
        Files.writeString(home.resolve("solr.xml"), "<solr/>\n");
        Files.writeString(home.resolve("docs/core.properties"), "name=docs\n");
        Files.writeString(conf.resolve("solrconfig.xml"), SOLRCONFIG);
        Files.writeString(conf.resolve("schema.xml"), SCHEMA);
        JettySolrRunner solr = new JettySolrRunner(home.toString(), new Properties(),
                JettyConfig.builder().setPort(0).setContext("/solr").stopAtShutdown(true).build());
        solr.start();
        System.out.println("SOLR_PORT=" + solr.getLocalPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                solr.stop();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        // serve until whoever started us closes our stdin
        while (System.in.read() >= 0) {
            // ignore input
        }
        solr.stop();
        System.exit(0);
    }

    static final String SOLRCONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config>
              <luceneMatchVersion>9.12</luceneMatchVersion>
              <dataDir>${solr.data.dir:}</dataDir>
              <directoryFactory name="DirectoryFactory" class="solr.MMapDirectoryFactory"/>
              <schemaFactory class="ClassicIndexSchemaFactory"/>
              <updateHandler class="solr.DirectUpdateHandler2">
                <autoCommit><maxTime>60000</maxTime><openSearcher>false</openSearcher></autoCommit>
              </updateHandler>
              <query>
                <filterCache size="512" initialSize="512" autowarmCount="0"/>
                <queryResultCache size="0" initialSize="0" autowarmCount="0"/>
                <documentCache size="512" initialSize="512" autowarmCount="0"/>
              </query>
              <requestHandler name="/select" class="solr.SearchHandler">
                <lst name="defaults">
                  <str name="defType">edismax</str>
                  <str name="qf">title^2 body</str>
                  <str name="q.op">AND</str>
                  <str name="hl.method">unified</str>
                  <str name="hl.fl">body</str>
                  <str name="wt">json</str>
                </lst>
              </requestHandler>
              <requestHandler name="/update" class="solr.UpdateRequestHandler"/>
            </config>
            """;

    static final String SCHEMA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <schema name="guildhall" version="1.6">
              <uniqueKey>id</uniqueKey>
              <fieldType name="string" class="solr.StrField" sortMissingLast="true" docValues="true"/>
              <fieldType name="plong" class="solr.LongPointField" docValues="true"/>
              <fieldType name="text_en" class="solr.TextField" positionIncrementGap="100">
                <analyzer>
                  <tokenizer class="solr.StandardTokenizerFactory"/>
                  <filter class="solr.EnglishPossessiveFilterFactory"/>
                  <filter class="solr.LowerCaseFilterFactory"/>
                  <filter class="solr.StopFilterFactory" ignoreCase="true"/>
                  <filter class="solr.PorterStemFilterFactory"/>
                </analyzer>
              </fieldType>
              <field name="_version_" type="plong" indexed="false" stored="false"/>
              <field name="id" type="string" indexed="true" stored="true"/>
              <field name="group" type="string" indexed="true" stored="true"/>
              <field name="type" type="string" indexed="true" stored="true"/>
              <field name="year" type="string" indexed="true" stored="true"/>
              <field name="author" type="string" indexed="true" stored="true"/>
              <field name="tag" type="string" indexed="true" stored="true" multiValued="true"/>
              <field name="date" type="plong" indexed="true" stored="true"/>
              <field name="title" type="text_en" indexed="true" stored="true" storeOffsetsWithPositions="true"/>
              <field name="body" type="text_en" indexed="true" stored="true" storeOffsetsWithPositions="true"/>
            </schema>
            """;
}
