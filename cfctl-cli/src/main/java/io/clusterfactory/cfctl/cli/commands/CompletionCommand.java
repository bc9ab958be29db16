package io.clusterfactory.cfctl.cli.commands;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a shell completion script.",
      "bash: source <(cfctl completion bash)",
      "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(cfctl completion zsh)"
    })
public final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  @Parameters(paramLabel = "SHELL", description = "bash | zsh")
  Shell shell;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    // picocli's script serves both: zsh runs it through bashcompinit.
    String script = AutoComplete.bash("cfctl", root);
    spec.commandLine().getOut().print(script);
    return 0;
  }
}
