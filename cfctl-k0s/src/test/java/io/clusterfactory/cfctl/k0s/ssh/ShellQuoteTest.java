package io.clusterfactory.cfctl.k0s.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

  @Test
  @DisplayName("plain words are left as they are, others are single-quoted")
  void quotesOnlyWhatNeedsIt() {
    assertEquals("/usr/local/bin/k0s", ShellQuote.quote("/usr/local/bin/k0s"));
    assertEquals("--data-dir=/var/lib/k0s", ShellQuote.quote("--data-dir=/var/lib/k0s"));
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("'a b'", ShellQuote.quote("a b"));
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("'$HOME'", ShellQuote.quote("$HOME"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "simple",
        "two words",
        "it's",
        "'''",
        "$(touch /tmp/pwned) `id` $HOME ${X}",
        "a\nnew line",
        "tab\there",
        "back\\slash \"double\"",
        "--kubelet-extra-args=\"--node-ip=10.0.0.1 --hostname-override=h'1\"",
        "*?[]{};&|<>!#~"
      })
  @DisplayName("sh reads a quoted word back exactly, also through sudo's sh -c")
  void roundTripsThroughSh(String word) throws Exception {
    assertEquals(word, runSh("printf %s " + ShellQuote.quote(word)));
    // the form used for non-root users, minus sudo itself: sh -c '<script>'
    String wrapped = "sh -c " + ShellQuote.quote("printf %s " + ShellQuote.quote(word));
    assertEquals(word, runSh(wrapped));
  }

  @Test
  @DisplayName("sudo wraps the script in sudo -n -- sh -c with the script as one word")
  void sudoWrapping() {
    assertEquals(
        "sudo -n -- sh -c 'echo '\\''hi there'\\'''",
        ShellQuote.sudo("echo " + ShellQuote.quote("hi there")));
  }

  @Test
  void joinsWords() {
    assertEquals(
        "k0s install worker '--labels=a=b c'",
        ShellQuote.join(List.of("k0s", "install", "worker", "--labels=a=b c")));
  }

  private static String runSh(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    return out;
  }
}
