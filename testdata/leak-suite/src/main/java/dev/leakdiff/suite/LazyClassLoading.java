package dev.leakdiff.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.BreakIterator;
import java.text.ChoiceFormat;
import java.text.Collator;
import java.text.DecimalFormat;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.text.SimpleDateFormat;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Scanner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.Adler32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * No leak, but new classes for a while. Call N (N &lt;= 30) uses feature N for the first time (java.time, java.text,
 * regex, zip, crypto, Jackson features...), which loads classes, fills the JDK's and Jackson's caches once, and
 * interns strings; every call runs all the features it has reached so far, so calls past the 30th load nothing new.
 * The growth is front-loaded and straddles the dump after 10 iterations: a one-time cost, not in proportion to the
 * iterations.
 */
public class LazyClassLoading implements Runnable {
  /** A POJO with annotations, bound by the mapper. */
  public static class Invoice {
    @JsonProperty("invoice_id")
    public String id = "inv-1";
    public BigDecimal total = new BigDecimal("12.50");
    @JsonIgnore
    public String secret = "x";
  }

  /** A polymorphic type: Jackson's type-id handling. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"), @JsonSubTypes.Type(value = Square.class, name = "square")})
  public interface Shape {}

  public record Circle(double radius) implements Shape {}

  public record Square(double side) implements Shape {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Feature> features = List.of(
      this::pattern, this::zones, this::durations, this::adjusters, this::japaneseCalendar,
      this::messageFormat, this::decimalFormat, this::choiceFormat, this::collator, this::breakIterator,
      this::normalizer, this::simpleDateFormat, this::regex, this::deflate, this::checksums,
      this::base64AndHex, this::collectors, this::bigNumbers, this::uuid, this::sha256,
      this::hmac, this::scanner, this::jsonTree, this::jsonPojo, this::jsonGeneric,
      this::jsonIndent, this::jsonStreaming, this::jsonPolymorphic, this::completableFuture, this::xmlProperties);
  private int calls;
  private long sink;

  interface Feature {
    Object use() throws Exception;
  }

  @Override
  public void run() {
    calls++;
    int reached = Math.min(calls, features.size());
    try {
      for (int i = 0; i < reached; i++) {
        sink += String.valueOf(features.get(i).use()).length();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Object pattern() {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(LocalDateTime.of(2026, 3, 1, 12, 30));
  }

  Object zones() {
    return ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")).format(DateTimeFormatter.RFC_1123_DATE_TIME);
  }

  Object durations() {
    return Duration.parse("PT1H30M").toMinutes() + Period.parse("P1Y2M3D").toTotalMonths();
  }

  Object adjusters() {
    return LocalDate.of(2026, 2, 10).with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY));
  }

  Object japaneseCalendar() {
    return JapaneseDate.of(2026, 3, 1).getEra();
  }

  Object messageFormat() {
    return MessageFormat.format("{0} has {1,number,integer} items on {2,date,short}", "cart", 3, new java.util.Date(0));
  }

  Object decimalFormat() {
    return new DecimalFormat("#,##0.00").format(1234567.891);
  }

  Object choiceFormat() {
    return new ChoiceFormat("0#no files|1#one file|1<{0} files").format(2);
  }

  Object collator() {
    return Collator.getInstance(Locale.FRENCH).compare("côte", "coté");
  }

  Object breakIterator() {
    BreakIterator words = BreakIterator.getWordInstance(Locale.ENGLISH);
    words.setText("The quick brown fox.");
    int n = 0;
    while (words.next() != BreakIterator.DONE) {
      n++;
    }
    return n;
  }

  Object normalizer() {
    return Normalizer.normalize("e\u0301", Normalizer.Form.NFC);
  }

  Object simpleDateFormat() throws Exception {
    return new SimpleDateFormat("dd/MM/yyyy", Locale.UK).parse("01/03/2026").getTime();
  }

  Object regex() {
    Matcher m = Pattern.compile("(?<user>\\w+)@(?<host>(?<=@)[\\w.]+)").matcher("mail: bob@example.org");
    return m.find() ? m.group("host") : "";
  }

  Object deflate() throws Exception {
    byte[] input = "hello hello hello hello".repeat(20).getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater();
    d.setInput(input);
    d.finish();
    byte[] out = new byte[512];
    int len = d.deflate(out);
    d.end();
    Inflater i = new Inflater();
    i.setInput(out, 0, len);
    byte[] back = new byte[input.length];
    int n = i.inflate(back);
    i.end();
    return n;
  }

  Object checksums() {
    CRC32C crc = new CRC32C();
    crc.update(new byte[] {1, 2, 3});
    Adler32 adler = new Adler32();
    adler.update(new byte[] {1, 2, 3});
    return crc.getValue() ^ adler.getValue();
  }

  Object base64AndHex() {
    return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(Base64.getUrlEncoder().encodeToString(new byte[] {9, 8, 7})));
  }

  Object collectors() {
    return List.of("apple", "avocado", "banana", "cherry").stream()
        .collect(Collectors.groupingBy(s -> s.charAt(0), Collectors.partitioningBy(s -> s.length() > 5, Collectors.counting())));
  }

  Object bigNumbers() {
    return new BigDecimal("2").sqrt(new MathContext(30, RoundingMode.HALF_EVEN)).toPlainString()
        + BigInteger.valueOf(7).modPow(BigInteger.valueOf(128), BigInteger.valueOf(1_000_003));
  }

  Object uuid() {
    return UUID.nameUUIDFromBytes("leak-suite".getBytes(StandardCharsets.UTF_8));
  }

  Object sha256() throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1}));
  }

  Object hmac() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    return mac.doFinal(new byte[] {1}).length;
  }

  Object scanner() {
    try (Scanner s = new Scanner("12 apples and 3.5 pears")) {
      return s.nextInt() + s.findInLine("\\d+\\.\\d+").length();
    }
  }

  Object jsonTree() throws Exception {
    JsonNode tree = mapper.readTree("{\"a\":[1,2,{\"b\":true}],\"c\":null,\"d\":1.5}");
    ObjectNode copy = tree.deepCopy();
    copy.putArray("e").add("x");
    return copy.size();
  }

  Object jsonPojo() throws Exception {
    return mapper.readValue(mapper.writeValueAsString(new Invoice()), Invoice.class).total;
  }

  Object jsonGeneric() throws Exception {
    Map<String, List<Integer>> m = mapper.readValue("{\"a\":[1,2],\"b\":[3]}", new TypeReference<Map<String, List<Integer>>>() {});
    return mapper.convertValue(m, JsonNode.class).size();
  }

  Object jsonIndent() throws Exception {
    return mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("k", List.of(1, 2))).length();
  }

  Object jsonStreaming() throws Exception {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("n", 42);
      g.writeEndObject();
    }
    int tokens = 0;
    try (JsonParser p = mapper.getFactory().createParser(w.toString())) {
      while (p.nextToken() != null) {
        tokens += p.currentToken() == JsonToken.VALUE_NUMBER_INT ? 10 : 1;
      }
    }
    return tokens;
  }

  Object jsonPolymorphic() throws Exception {
    String json = mapper.writerFor(Shape.class).writeValueAsString(new Circle(2));
    return mapper.readValue(json, Shape.class);
  }

  Object completableFuture() throws Exception {
    MethodHandle length = MethodHandles.lookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
    return CompletableFuture.supplyAsync(() -> "abc", Runnable::run)
        .thenCombine(CompletableFuture.completedFuture(2), (s, n) -> {
          try {
            return (int) length.invokeExact(s) * n;
          } catch (Throwable t) {
            throw new IllegalStateException(t);
          }
        }).get();
  }

  Object xmlProperties() throws Exception {
    Properties p = new Properties();
    p.setProperty("suite", "leak");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.storeToXML(out, "leak-suite");
    Properties back = new Properties();
    back.loadFromXML(new java.io.ByteArrayInputStream(out.toByteArray()));
    return back.getProperty("suite");
  }
}
