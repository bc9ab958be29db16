package io.clusterfactory.cfctl.core.gitops;

/**
 * Who commits and with which message.
 *
 * @param authorName author name (default {@value #DEFAULT_NAME})
 * @param authorEmail author e-mail (default {@value #DEFAULT_EMAIL})
 * @param committerName committer name (default: the author)
 * @param committerEmail committer e-mail (default: the author)
 * @param message commit message; null for the default that lists what changed ("cfctl: update
 *     clusters/lab (3 added, 1 changed)" plus one line per file)
 * @param maxAttempts how many times a push is tried when the remote moved meanwhile (default
 *     {@value #DEFAULT_ATTEMPTS})
 */
public record CommitOptions(
    String authorName,
    String authorEmail,
    String committerName,
    String committerEmail,
    String message,
    int maxAttempts) {

  public static final String DEFAULT_NAME = "cfctl";
  public static final String DEFAULT_EMAIL = "cfctl@localhost";
  public static final int DEFAULT_ATTEMPTS = 5;

  public CommitOptions {
    authorName = blank(authorName) ? DEFAULT_NAME : authorName;
    authorEmail = blank(authorEmail) ? DEFAULT_EMAIL : authorEmail;
    committerName = blank(committerName) ? authorName : committerName;
    committerEmail = blank(committerEmail) ? authorEmail : committerEmail;
    message = blank(message) ? null : message;
    maxAttempts = maxAttempts <= 0 ? DEFAULT_ATTEMPTS : maxAttempts;
  }

  /** All defaults. */
  public static CommitOptions defaults() {
    return new CommitOptions(null, null, null, null, null, 0);
  }

  public CommitOptions withMessage(String newMessage) {
    return new CommitOptions(
        authorName, authorEmail, committerName, committerEmail, newMessage, maxAttempts);
  }

  public CommitOptions withMaxAttempts(int attempts) {
    return new CommitOptions(
        authorName, authorEmail, committerName, committerEmail, message, attempts);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
