package io.clusterfactory.cfctl.core.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text bound for logs and terminals. Every secret value cfctl resolves or
 * generates is {@link #register registered}; {@link #redact} then replaces those values (and their
 * base64 forms) plus anything that looks like a secret whatever its origin: PEM private keys,
 * bearer tokens, k0s join tokens and {@code password=...}-style pairs.
 *
 * <p>Registered values are matched all at once with an Aho-Corasick automaton, so the cost of a
 * line does not grow with the number of secrets. The automaton is rebuilt lazily after a
 * registration.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "***";

  /**
   * Shorter values are not registered: masking every occurrence of "ab" would make logs unreadable
   * while protecting nothing a guess would not find.
   */
  public static final int MIN_REGISTERED_LENGTH = 4;

  private static final Redactor GLOBAL = new Redactor();

  private static final Pattern PEM_PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)",
          Pattern.DOTALL);

  private static final Pattern BEARER_TOKEN =
      Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9\\-._~+/]+=*");

  private static final Pattern BASIC_CREDENTIALS =
      Pattern.compile("(?i)\\b(authorization\\s*:\\s*basic\\s+)[A-Za-z0-9+/]+=*");

  /** k0s join tokens are base64 of a gzipped kubeconfig, so they start with gzip's magic. */
  private static final Pattern K0S_JOIN_TOKEN = Pattern.compile("H4sI[A-Za-z0-9+/]{40,}={0,2}");

  /** Output following {@code k0s token create}: any long base64 blob on that line. */
  private static final Pattern TOKEN_CREATE_LINE = Pattern.compile("(?m)^.*token create.*$");

  private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}");

  /**
   * {@code name=value}, {@code name: value} and {@code "name":"value"} where the name ends in a
   * secret-ish word; the value runs to whitespace, a quote or a separator. The look-behind anchors
   * the name at a word start so long words cost linear time.
   */
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "(?i)(?<![\\w.-])([\\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key"
              + "|client-key-data|private[_-]?key))"
              + "(\"?\\s*[=:]\\s*\"?)"
              + "(?!\\*\\*\\*)([^\\s\"',;&}]+)");

  /** The password of {@code scheme://user:password@host} URLs (Git remotes, proxies). */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^/\\s:@]+:)[^/\\s@]+@");

  /** {@code --db-password value}: a command-line flag and its separate argument. */
  private static final Pattern SECRET_FLAG =
      Pattern.compile(
          "(?i)(?<![\\w.-])(--[\\w-]*(?:password|passphrase|secret|token))(\\s+)"
              + "(?!\\*\\*\\*)([^\\s-]\\S*)");

  private final Set<String> values = ConcurrentHashMap.newKeySet();
  private volatile Automaton automaton = Automaton.EMPTY;
  private volatile boolean stale;

  /** The process-wide registry the logging layer redacts with. */
  public static Redactor global() {
    return GLOBAL;
  }

  /** Registers a secret value and its base64 forms. Values shorter than 4 chars are ignored. */
  public void register(String value) {
    if (value == null || value.length() < MIN_REGISTERED_LENGTH) {
      return;
    }
    addForms(value, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Registers a secret given as bytes: its UTF-8 text when it is valid UTF-8, and its base64 forms
   * either way.
   */
  public void register(byte[] value) {
    if (value == null || value.length < MIN_REGISTERED_LENGTH) {
      return;
    }
    addForms(decodeUtf8(value), value);
  }

  /** {@code text} with every registered value and every secret-looking pattern masked. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = currentAutomaton().mask(text);
    // cheap substring checks first: most log lines hold none of these, and the regexes cost more
    if (result.contains("PRIVATE KEY-----")) {
      result = PEM_PRIVATE_KEY.matcher(result).replaceAll("-----BEGIN $1PRIVATE KEY-----" + MASK);
    }
    if (result.contains("H4sI")) {
      result = K0S_JOIN_TOKEN.matcher(result).replaceAll(MASK);
    }
    if (result.contains("token create")) {
      result = maskTokenCreateOutput(result);
    }
    if (result.contains("://")) {
      result = URL_CREDENTIALS.matcher(result).replaceAll("$1" + MASK + "@");
    }
    String lower = result.toLowerCase(Locale.ROOT);
    if (lower.contains("bearer")) {
      result = BEARER_TOKEN.matcher(result).replaceAll("$1" + MASK);
    }
    if (lower.contains("basic")) {
      result = BASIC_CREDENTIALS.matcher(result).replaceAll("$1" + MASK);
    }
    if (lower.contains("pass")
        || lower.contains("secret")
        || lower.contains("token")
        || lower.contains("key")) {
      result = SECRET_PAIR.matcher(result).replaceAll("$1$2" + MASK);
      if (lower.contains("--")) {
        result = SECRET_FLAG.matcher(result).replaceAll("$1$2" + MASK);
      }
    }
    return result;
  }

  private void addForms(String text, byte[] bytes) {
    boolean added = false;
    if (text != null) {
      added |= values.add(text);
    }
    String base64 = Base64.getEncoder().encodeToString(bytes);
    added |= addIfLongEnough(base64);
    added |= addIfLongEnough(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    added |= addIfLongEnough(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    if (added) {
      stale = true;
    }
  }

  private boolean addIfLongEnough(String form) {
    return form.length() >= MIN_REGISTERED_LENGTH && values.add(form);
  }

  private Automaton currentAutomaton() {
    if (stale) {
      synchronized (this) {
        if (stale) {
          stale = false;
          automaton = Automaton.build(List.copyOf(values));
        }
      }
    }
    return automaton;
  }

  private static String maskTokenCreateOutput(String text) {
    Matcher line = TOKEN_CREATE_LINE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (line.find()) {
      String masked = LONG_BASE64.matcher(line.group()).replaceAll(MASK);
      line.appendReplacement(out, Matcher.quoteReplacement(masked));
    }
    line.appendTail(out);
    return out.toString();
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Aho-Corasick over chars. Each state keeps the length of the longest registered string ending
   * there (own or via failure links), which is all masking needs: every match is covered by the
   * longest one ending at the same position.
   */
  private static final class Automaton {
    static final Automaton EMPTY = build(List.of());

    private final CharMap[] transitions;
    private final int[] failure;
    private final int[] longestMatch;

    /** The root's ASCII transitions as a dense table: most text chars start no match. */
    private final int[] rootAscii = new int[128];

    private Automaton(CharMap[] transitions, int[] failure, int[] longestMatch) {
      this.transitions = transitions;
      this.failure = failure;
      this.longestMatch = longestMatch;
      for (char c = 0; c < rootAscii.length; c++) {
        rootAscii[c] = Math.max(transitions[0].get(c), 0);
      }
    }

    static Automaton build(List<String> patterns) {
      List<CharMap> trie = new ArrayList<>();
      List<Integer> ownLength = new ArrayList<>();
      trie.add(new CharMap());
      ownLength.add(0);
      for (String pattern : patterns) {
        int state = 0;
        for (int i = 0; i < pattern.length(); i++) {
          int next = trie.get(state).get(pattern.charAt(i));
          if (next < 0) {
            next = trie.size();
            trie.add(new CharMap());
            ownLength.add(0);
            trie.get(state).put(pattern.charAt(i), next);
          }
          state = next;
        }
        ownLength.set(state, Math.max(ownLength.get(state), pattern.length()));
      }
      CharMap[] transitions = trie.toArray(new CharMap[0]);
      int[] failure = new int[transitions.length];
      int[] longest = new int[transitions.length];
      int[] queue = new int[transitions.length];
      int head = 0;
      int tail = 0;
      queue[tail++] = 0;
      // breadth first, so a state's failure target (shallower) is complete before the state
      while (head < tail) {
        int state = queue[head++];
        longest[state] = Math.max(ownLength.get(state), longest[failure[state]]);
        CharMap edges = transitions[state];
        for (int e = 0; e < edges.size; e++) {
          char symbol = edges.keys[e];
          int child = edges.targets[e];
          if (state != 0) {
            int fallback = failure[state];
            while (fallback != 0 && transitions[fallback].get(symbol) < 0) {
              fallback = failure[fallback];
            }
            failure[child] = Math.max(transitions[fallback].get(symbol), 0);
          }
          queue[tail++] = child;
        }
      }
      return new Automaton(transitions, failure, longest);
    }

    String mask(String text) {
      if (transitions.length == 1) {
        return text;
      }
      // coveredUntil[s]: end (exclusive) of the longest match starting at s, 0 if none
      int[] coveredUntil = null;
      int state = 0;
      for (int i = 0; i < text.length(); i++) {
        state = step(state, text.charAt(i));
        int length = longestMatch[state];
        if (length > 0) {
          if (coveredUntil == null) {
            coveredUntil = new int[text.length()];
          }
          int start = i - length + 1;
          coveredUntil[start] = Math.max(coveredUntil[start], i + 1);
        }
      }
      if (coveredUntil == null) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      int maskEnd = -1;
      for (int i = 0; i < text.length(); i++) {
        if (coveredUntil[i] > 0 && maskEnd < i) {
          out.append(MASK);
        }
        maskEnd = Math.max(maskEnd, coveredUntil[i] - 1);
        if (maskEnd < i) {
          out.append(text.charAt(i));
        }
      }
      return out.toString();
    }

    private int step(int state, char symbol) {
      while (state != 0) {
        int next = transitions[state].get(symbol);
        if (next >= 0) {
          return next;
        }
        state = failure[state];
      }
      return symbol < rootAscii.length
          ? rootAscii[symbol]
          : Math.max(transitions[0].get(symbol), 0);
    }
  }

  /** A small open map from char to state, sorted keys for binary search. */
  private static final class CharMap {
    char[] keys = new char[2];
    int[] targets = new int[2];
    int size;

    int get(char key) {
      int index = Arrays.binarySearch(keys, 0, size, key);
      return index >= 0 ? targets[index] : -1;
    }

    void put(char key, int target) {
      int index = Arrays.binarySearch(keys, 0, size, key);
      if (index >= 0) {
        targets[index] = target;
        return;
      }
      int insertAt = -index - 1;
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        targets = Arrays.copyOf(targets, size * 2);
      }
      System.arraycopy(keys, insertAt, keys, insertAt + 1, size - insertAt);
      System.arraycopy(targets, insertAt, targets, insertAt + 1, size - insertAt);
      keys[insertAt] = key;
      targets[insertAt] = target;
      size++;
    }
  }
}
