package io.clusterfactory.cfctl.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.yaml.Yaml11;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads YAML into Jackson trees while recording where every key and value is. It reads the file as
 * a YAML 1.1 reader would (k0sctl's go-yaml): anchors, aliases and merge keys ({@code <<: *base},
 * {@code <<: [*a, *b]}) are expanded, each copied value keeping the position of the text it came
 * from; plain scalars are typed by the YAML 1.1 resolver ({@link Yaml11}), and the text of those
 * typed as a number, boolean or null is kept in the source map so string fields read it as written.
 * Every duplicate key is reported, not just the first.
 *
 * <p>SnakeYAML's event parser (the one Jackson's YAML module wraps) is used directly: Jackson's
 * streaming API reads an alias as its anchor's name and hides the scalar styles.
 */
public final class YamlReader {
  static final String SYNTAX_ERROR = "YAML syntax error: ";
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** Values one document may expand to through aliases: far above any inventory, below a bomb. */
  static final int MAX_VALUES = 500_000;

  private static final String TAG = "tag:yaml.org,2002:";

  private YamlReader() {}

  /**
   * Parses every document of {@code text}. A syntax error is reported to {@code problems} with its
   * position and ends parsing (nothing after it can be trusted).
   */
  public static List<YamlDocument> read(String text, String source, Problems problems) {
    List<YamlDocument> docs = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    Parser parser = new ParserImpl(new StreamReader(text), options);
    try {
      while (!(parser.peekEvent() instanceof StreamEndEvent)) {
        Event e = parser.getEvent();
        if (!(e instanceof DocumentStartEvent)) {
          continue;
        }
        Composer composer = new Composer(parser, source, problems);
        YamlNode root = composer.node(parser.getEvent(), "");
        parser.getEvent(); // DocumentEndEvent
        SourceMap map = new SourceMap(source);
        JsonNode tree;
        try {
          tree = new Expander(map).emit(root, "");
        } catch (TooManyValues t) {
          problems.add(
              Severity.ERROR,
              "",
              root.position(),
              "the aliases of this document expand to more than " + MAX_VALUES + " values",
              "an alias copies its anchor's whole value: check for aliases of aliases");
          continue;
        }
        docs.add(new YamlDocument(tree, map, root.position().line()));
      }
    } catch (MarkedYAMLException e) {
      syntaxError(e, source, problems);
    } catch (YAMLException e) {
      problems.add(
          Severity.ERROR,
          "",
          new Position(source, 1, 1),
          SYNTAX_ERROR + e.getMessage(),
          "check the indentation and quoting around this line");
    }
    return docs;
  }

  private static void syntaxError(MarkedYAMLException e, String source, Problems problems) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Position at = mark == null ? new Position(source, 1, 1) : position(source, mark);
    String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
    if (problem.contains("\\t(TAB)") || problem.contains("'\t'")) {
      problems.add(
          Severity.ERROR,
          "",
          at,
          SYNTAX_ERROR + "a tab character; YAML indents with spaces only",
          "replace the tab with spaces");
      return;
    }
    String context = e.getContext();
    Mark contextMark = e.getContextMark();
    String message = problem;
    if (context != null && contextMark != null) {
      message += " (" + context + " that starts at line " + (contextMark.getLine() + 1) + ")";
    }
    problems.add(
        Severity.ERROR, "", at, SYNTAX_ERROR + message, "check the indentation and quoting here");
  }

  static Position position(String source, Mark mark) {
    return new Position(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Builds the nodes of one document as written; anchors are per document. */
  private static final class Composer {
    private final Parser parser;
    private final String source;
    private final Problems problems;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();

    Composer(Parser parser, String source, Problems problems) {
      this.parser = parser;
      this.source = source;
      this.problems = problems;
    }

    YamlNode node(Event e, String path) {
      Position at = position(source, e.getStartMark());
      if (e instanceof AliasEvent a) {
        YamlNode target = anchors.get(a.getAnchor());
        if (target != null) {
          return new YamlNode.Alias(a.getAnchor(), target, at);
        }
        if (open.contains(a.getAnchor())) {
          problems.add(
              Severity.ERROR,
              path,
              at,
              "alias *" + a.getAnchor() + " is inside the value it refers to",
              "an alias can only repeat a value that is complete before it");
        } else {
          problems.add(
              Severity.ERROR,
              path,
              at,
              "alias *" + a.getAnchor() + " refers to no anchor",
              "define it first with &"
                  + a.getAnchor()
                  + " on the value to repeat (anchors are"
                  + " per document)");
        }
        return new YamlNode.Scalar("", true, null, at);
      }
      String anchor = e instanceof NodeEvent n ? n.getAnchor() : null;
      if (anchor != null) {
        open.add(anchor);
      }
      YamlNode node;
      if (e instanceof ScalarEvent s) {
        node = new YamlNode.Scalar(s.getValue(), s.isPlain(), s.getTag(), at);
      } else if (e instanceof SequenceStartEvent) {
        List<YamlNode> items = new ArrayList<>();
        while (!(parser.peekEvent() instanceof SequenceEndEvent)) {
          items.add(node(parser.getEvent(), SourceMap.index(path, items.size())));
        }
        parser.getEvent();
        node = new YamlNode.Sequence(List.copyOf(items), at);
      } else if (e instanceof MappingStartEvent) {
        node = mapping(path, at);
      } else {
        throw new YAMLException("unexpected " + e);
      }
      if (anchor != null) {
        open.remove(anchor);
        anchors.put(anchor, node);
      }
      return node;
    }

    private YamlNode mapping(String path, Position at) {
      List<YamlNode.Entry> entries = new ArrayList<>();
      Map<String, Integer> firstLine = new HashMap<>();
      while (!(parser.peekEvent() instanceof MappingEndEvent)) {
        YamlNode keyNode = node(parser.getEvent(), path);
        Position keyAt = keyNode.position();
        YamlNode.Scalar key = keyNode instanceof YamlNode.Alias a ? scalarOf(a.target()) : null;
        if (keyNode instanceof YamlNode.Scalar s) {
          key = s;
        }
        if (key == null) {
          problems.add(
              Severity.ERROR,
              path,
              keyAt,
              "a key must be a text, not a mapping or a list",
              "write the key as plain text");
          node(parser.getEvent(), path + "#key");
          continue;
        }
        boolean merge = key.plain() && key.tag() == null && key.text().equals("<<");
        String childPath = merge ? path : SourceMap.child(path, key.text());
        YamlNode value = node(parser.getEvent(), childPath);
        if (merge) {
          entries.add(new YamlNode.Entry("<<", keyAt, value, mergeSources(value, path)));
          continue;
        }
        Integer first = firstLine.putIfAbsent(key.text(), keyAt.line());
        if (first != null) {
          problems.add(
              Severity.ERROR,
              childPath,
              keyAt,
              "duplicate key '" + key.text() + "' (first defined on line " + first + ")",
              "remove one of the two");
          continue;
        }
        entries.add(new YamlNode.Entry(key.text(), keyAt, value, null));
      }
      parser.getEvent();
      return new YamlNode.Mapping(List.copyOf(entries), at);
    }

    private static YamlNode.Scalar scalarOf(YamlNode n) {
      return n instanceof YamlNode.Scalar s ? s : null;
    }

    /** The mappings a merge key merges, earliest first (the first one wins a key). */
    private List<YamlNode> mergeSources(YamlNode value, String path) {
      List<YamlNode> out = new ArrayList<>();
      List<YamlNode> candidates =
          value instanceof YamlNode.Sequence s ? s.items() : List.<YamlNode>of(value);
      for (YamlNode c : candidates) {
        YamlNode target = c instanceof YamlNode.Alias a ? a.target() : c;
        if (target instanceof YamlNode.Mapping) {
          out.add(target);
        } else {
          problems.add(
              Severity.ERROR,
              path,
              c.position(),
              "the merge key << takes a mapping or a list of mappings",
              "write <<: *anchor or <<: [*a, *b], with each anchor on a mapping");
        }
      }
      return out;
    }
  }

  /** Expands aliases and merges into a Jackson tree, recording positions by path. */
  private static final class Expander {
    private final SourceMap map;
    private int values;

    Expander(SourceMap map) {
      this.map = map;
    }

    JsonNode emit(YamlNode n, String path) {
      if (++values > MAX_VALUES) {
        throw new TooManyValues();
      }
      map.putValue(path, n.position().line(), n.position().column());
      if (n instanceof YamlNode.Alias a) {
        return emit(a.target(), path);
      }
      if (n instanceof YamlNode.Scalar s) {
        JsonNode v = scalar(s);
        if (!v.isTextual() && !s.text().isEmpty()) {
          map.putPlainText(path, s.text());
        }
        return v;
      }
      if (n instanceof YamlNode.Sequence s) {
        ArrayNode arr = NODES.arrayNode();
        for (YamlNode item : s.items()) {
          arr.add(emit(item, SourceMap.index(path, arr.size())));
        }
        return arr;
      }
      ObjectNode obj = NODES.objectNode();
      for (Map.Entry<String, YamlNode.Entry> e : effective((YamlNode.Mapping) n).entrySet()) {
        String childPath = SourceMap.child(path, e.getKey());
        Position keyAt = e.getValue().keyPosition();
        map.putKey(childPath, keyAt.line(), keyAt.column());
        obj.set(e.getKey(), emit(e.getValue().value(), childPath));
      }
      return obj;
    }

    /**
     * The keys of a mapping after its merges: its own keys win, then the merged mappings in their
     * order; merged keys take the place of the {@code <<} entry.
     */
    private static LinkedHashMap<String, YamlNode.Entry> effective(YamlNode.Mapping m) {
      Set<String> own = new HashSet<>();
      for (YamlNode.Entry e : m.entries()) {
        if (!e.isMerge()) {
          own.add(e.key());
        }
      }
      LinkedHashMap<String, YamlNode.Entry> out = new LinkedHashMap<>();
      for (YamlNode.Entry e : m.entries()) {
        if (!e.isMerge()) {
          out.put(e.key(), e);
          continue;
        }
        for (YamlNode source : e.merged()) {
          for (YamlNode.Entry inherited : effective((YamlNode.Mapping) source).values()) {
            if (!own.contains(inherited.key())) {
              out.putIfAbsent(inherited.key(), inherited);
            }
          }
        }
      }
      return out;
    }
  }

  /** The value of a scalar as a YAML 1.1 reader types it. */
  static JsonNode scalar(YamlNode.Scalar s) {
    String text = s.text();
    String tag = s.tag();
    Yaml11.Kind kind;
    if (tag == null) {
      kind = s.plain() ? Yaml11.kindOf(text) : Yaml11.Kind.STRING;
    } else {
      kind =
          switch (tag) {
            case TAG + "int" -> Yaml11.Kind.INT;
            case TAG + "float" -> Yaml11.Kind.FLOAT;
            case TAG + "bool" -> Yaml11.Kind.BOOL;
            case TAG + "null" -> Yaml11.Kind.NULL;
            default -> Yaml11.Kind.STRING;
          };
    }
    switch (kind) {
      case NULL -> {
        return NODES.nullNode();
      }
      case BOOL -> {
        return NODES.booleanNode(Yaml11.booleanOf(text));
      }
      case INT -> {
        BigInteger i = Yaml11.integerOf(text);
        if (i != null) {
          return integer(i);
        }
        Number f = Yaml11.floatOf(text);
        return f == null ? NODES.textNode(text) : number(f);
      }
      case FLOAT -> {
        Number f = Yaml11.floatOf(text);
        return f == null ? NODES.textNode(text) : number(f);
      }
      default -> {
        return NODES.textNode(text);
      }
    }
  }

  private static JsonNode integer(BigInteger i) {
    if (i.bitLength() < 32) {
      return NODES.numberNode(i.intValue());
    }
    if (i.bitLength() < 64) {
      return NODES.numberNode(i.longValue());
    }
    return NODES.numberNode(i);
  }

  private static JsonNode number(Number n) {
    if (n instanceof java.math.BigDecimal d) {
      return NODES.numberNode(d);
    }
    return NODES.numberNode(n.doubleValue());
  }

  private static final class TooManyValues extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyValues() {
      super(null, null, false, false);
    }
  }
}
