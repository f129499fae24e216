// An independent EST client (Bouncy Castle's) run against the reference CA. It executes the
// steps of a plan file and prints one JSON document on stdout; the Jest test judges the result.
//
// Usage: java EstConformance <host:port> <tls-ca.pem> <client-cert.pem> <client-key.pem> <plan>
// Plan lines (fields separated by single spaces, '-' = none):
//   cacerts <label>
//   enroll <label> <csr.der> <idempotency-key|-> <max-polls>
//   cacerts-without-client-cert <label>
//   cacerts-trusting <label> <anchor.pem>   (TLS trust in that anchor instead of the CA's)
//   enroll-bc-csr <label> <attributes> <idempotency-key|->   (CSR made here by BC: fresh RSA key,
//       one UTF8String attribute per line "oid<TAB>value" of the UTF-8 attributes file)
//   csrattrs <label>
//   csr-roundtrip - <csr.der>   (does BC's DER re-encoding, done before every enroll, keep the bytes?)

import java.io.FileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.CSRAttributesResponse;
import org.bouncycastle.est.CSRRequestResponse;
import org.bouncycastle.est.ESTAuth;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.jcajce.JcaJceUtils;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

public final class EstConformance {
  private static final int TIMEOUT_MS = 10_000;
  // Upper bound for one Retry-After wait, so a misbehaving server cannot stall the test run.
  private static final long MAX_WAIT_MS = 5_000;

  private final String server;
  private final X509TrustManager[] trust;
  private final KeyManager[] keys;
  private final Map<String, X509CertificateHolder[]> caCertsByLabel = new HashMap<>();

  private EstConformance(String server, X509TrustManager[] trust, KeyManager[] keys) {
    this.server = server;
    this.trust = trust;
    this.keys = keys;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: EstConformance <host:port> <tls-ca.pem> <client-cert.pem> <client-key.pem> <plan>");
      System.exit(2);
    }
    // BC's certpath trust manager looks its algorithms up through the BC provider.
    Security.addProvider(new BouncyCastleProvider());
    X509Certificate tlsCa = toJca(readCertificate(args[1]));
    X509TrustManager[] trust = JcaJceUtils.getCertPathTrustManager(Set.of(new TrustAnchor(tlsCa, null)), null);
    KeyManager[] keys = keyManagers(readCertificate(args[2]), readPrivateKey(args[3]));
    EstConformance client = new EstConformance(args[0], trust, keys);
    List<String> results = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[4]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      results.add(client.run(line.trim().split(" ")));
    }
    System.out.println("{\"provider\":" + json("BC " + new BouncyCastleProvider().getVersionStr())
        + ",\"steps\":[" + String.join(",", results) + "]}");
  }

  private String run(String[] step) {
    Map<String, String> out = new HashMap<>();
    out.put("op", json(step[0]));
    out.put("label", json(step[1]));
    try {
      switch (step[0]) {
        case "cacerts" -> cacerts(step[1], true, out);
        case "cacerts-without-client-cert" -> cacerts(step[1], false, out);
        case "cacerts-trusting" -> cacertsTrusting(step[1], step[2], out);
        case "csr-roundtrip" -> csrRoundTrip(Path.of(step[2]), out);
        case "enroll" -> enroll(step[1], new PKCS10CertificationRequest(Files.readAllBytes(Path.of(step[2]))), idempotencyKey(step[3]), Integer.parseInt(step[4]), out);
        case "enroll-bc-csr" -> enroll(step[1], bcCsr(Path.of(step[2]), out), idempotencyKey(step[3]), 0, out);
        case "csrattrs" -> csrAttributes(step[1], out);
        default -> throw new IllegalArgumentException("unknown step " + step[0]);
      }
      out.put("ok", "true");
    } catch (ESTException e) {
      out.put("ok", "false");
      out.put("httpStatus", String.valueOf(e.getStatusCode()));
      out.put("error", json(describe(e)));
      out.put("errorBody", json(body(e)));
    } catch (Exception e) {
      out.put("ok", "false");
      out.put("error", json(describe(e)));
    }
    return object(out);
  }

  private ESTService service(String label, boolean withClientCert) {
    return service(label, withClientCert, trust);
  }

  private ESTService service(String label, boolean withClientCert, X509TrustManager[] trustManagers) {
    JsseESTServiceBuilder builder = new JsseESTServiceBuilder(server, trustManagers).withTimeout(TIMEOUT_MS);
    if (withClientCert) builder.withKeyManagers(keys);
    builder.withLabel(label);
    return builder.build();
  }

  private void cacerts(String label, boolean withClientCert, Map<String, String> out) throws Exception {
    CACertsResponse response = service(label, withClientCert).getCACerts();
    X509CertificateHolder[] certs = ESTService.storeToArray(response.getCertificateStore());
    if (withClientCert) caCertsByLabel.put(label, certs);
    out.put("trusted", String.valueOf(response.isTrusted()));
    out.put("certificates", derList(Arrays.asList(certs)));
    List<String> subjects = new ArrayList<>();
    for (X509CertificateHolder c : certs) subjects.add(json(c.getSubject().toString()));
    out.put("subjects", "[" + String.join(",", subjects) + "]");
  }

  private void cacertsTrusting(String label, String anchorFile, Map<String, String> out) throws Exception {
    X509Certificate anchor = toJca(readCertificate(anchorFile));
    X509TrustManager[] other = JcaJceUtils.getCertPathTrustManager(Set.of(new TrustAnchor(anchor, null)), null);
    CACertsResponse response = service(label, true, other).getCACerts();
    out.put("certificates", derList(Arrays.asList(ESTService.storeToArray(response.getCertificateStore()))));
  }

  private static void csrRoundTrip(Path csrFile, Map<String, String> out) throws IOException {
    byte[] original = Files.readAllBytes(csrFile);
    out.put("reencodedIdentical", String.valueOf(Arrays.equals(original, new PKCS10CertificationRequest(original).getEncoded())));
  }

  private static String idempotencyKey(String field) {
    return field.equals("-") ? null : field;
  }

  /** A CSR from an independent builder: BC orders the attribute SET as DER and picks its own string types. */
  private static PKCS10CertificationRequest bcCsr(Path attributesFile, Map<String, String> out) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "JP").addRDN(BCStyle.CN, "bc-built").build();
    PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic());
    for (String line : Files.readAllLines(attributesFile, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) continue;
      String[] field = line.split("\t", 2);
      if (field.length != 2) throw new IOException("attribute line without a TAB: " + line);
      builder.addAttribute(new ASN1ObjectIdentifier(field[0]), new DERUTF8String(field[1]));
    }
    PKCS10CertificationRequest csr = builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider("BC").build(pair.getPrivate()));
    out.put("csr", json(Base64.getEncoder().encodeToString(csr.getEncoded())));
    return csr;
  }

  private void csrAttributes(String label, Map<String, String> out) throws Exception {
    CSRRequestResponse response = service(label, true).getCSRAttributes();
    out.put("hasAttributesResponse", String.valueOf(response.hasAttributesResponse()));
    if (!response.hasAttributesResponse()) return;
    CSRAttributesResponse attributes = response.getAttributesResponse();
    List<String> oids = new ArrayList<>();
    for (ASN1ObjectIdentifier oid : attributes.getRequirements()) {
      // Only bare OIDs are listed; an Attribute (OID with values) is marked so the test sees it.
      oids.add(json(attributes.isAttribute(oid) ? "attribute:" + oid.getId() : oid.getId()));
    }
    out.put("attributeOids", "[" + String.join(",", oids) + "]");
  }

  private void enroll(String label, PKCS10CertificationRequest csr, String idempotencyKey, int maxPolls, Map<String, String> out) throws Exception {
    ESTAuth auth = idempotencyKey == null ? null : new IdempotencyKeyHeader(idempotencyKey);
    ESTService est = service(label, true);
    EnrollmentResponse response = est.simpleEnroll(false, csr, auth);
    int polls = 0;
    while (!response.isCompleted() && polls < maxPolls) {
      long wait = Math.max(0, Math.min(MAX_WAIT_MS, response.getNotBefore() - System.currentTimeMillis()));
      Thread.sleep(wait);
      response = est.simpleEnroll(response);
      polls++;
    }
    out.put("polls", String.valueOf(polls));
    out.put("completed", String.valueOf(response.isCompleted()));
    if (!response.isCompleted()) return;
    X509CertificateHolder[] certs = ESTService.storeToArray(response.getStore());
    out.put("certificates", derList(Arrays.asList(certs)));
    byte[] csrKey = csr.getSubjectPublicKeyInfo().getEncoded();
    List<X509CertificateHolder> forKey = new ArrayList<>();
    for (X509CertificateHolder c : certs) {
      if (Arrays.equals(c.getSubjectPublicKeyInfo().getEncoded(), csrKey)) forKey.add(c);
    }
    out.put("certificatesForCsrKey", derList(forKey));
    if (forKey.size() == 1) out.put("issuerSignatureVerified", String.valueOf(signedByCaCert(forKey.get(0), label)));
  }

  /** Checks the issued certificate against the anchors this client fetched itself with cacerts. */
  private boolean signedByCaCert(X509CertificateHolder ee, String label) throws Exception {
    X509CertificateHolder[] anchors = caCertsByLabel.get(label);
    if (anchors == null) return false;
    for (X509CertificateHolder ca : anchors) {
      if (!ca.getSubject().equals(ee.getIssuer())) continue;
      if (ee.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(ca))) return true;
    }
    return false;
  }

  /** BC's EST client has no header option; ESTAuth is its per-request hook, so the key rides on it. */
  private record IdempotencyKeyHeader(String key) implements ESTAuth {
    @Override
    public void applyAuth(org.bouncycastle.est.ESTRequestBuilder request) {
      request.setHeader("Idempotency-Key", "\"" + key + "\"");
    }
  }

  private static KeyManager[] keyManagers(X509CertificateHolder cert, PrivateKey key) throws Exception {
    char[] password = new char[24];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("terminal", key, password, new X509Certificate[] {toJca(cert)});
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    Arrays.fill(password, '\0');
    return factory.getKeyManagers();
  }

  private static X509Certificate toJca(X509CertificateHolder holder) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static X509CertificateHolder readCertificate(String file) throws IOException {
    Object parsed = readPem(file);
    if (parsed instanceof X509CertificateHolder holder) return holder;
    throw new IOException(file + ": expected a PEM certificate");
  }

  private static PrivateKey readPrivateKey(String file) throws IOException {
    Object parsed = readPem(file);
    if (parsed instanceof PrivateKeyInfo info) return new JcaPEMKeyConverter().getPrivateKey(info);
    throw new IOException(file + ": expected a PKCS#8 PEM private key");
  }

  private static Object readPem(String file) throws IOException {
    try (Reader reader = new FileReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
      return pem.readObject();
    }
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) text.append(" <- ");
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  private static String body(ESTException e) {
    try (InputStream in = e.getBody()) {
      return in == null ? "" : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException ignored) {
      return "";
    }
  }

  private static String derList(List<X509CertificateHolder> certs) throws IOException {
    List<String> items = new ArrayList<>();
    for (X509CertificateHolder c : certs) items.add(json(Base64.getEncoder().encodeToString(c.getEncoded())));
    return "[" + String.join(",", items) + "]";
  }

  private static String object(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> f : fields.entrySet()) parts.add(json(f.getKey()) + ":" + f.getValue());
    return "{" + String.join(",", parts) + "}";
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
