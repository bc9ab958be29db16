package io.clusterfactory.cfctl.k0s.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj "publickey" authentication with a key held by ssh-agent: the request carries the agent's
 * signature of the session id and the request itself (RFC 4252, section 7).
 */
final class AgentAuthMethod extends AbstractAuthMethod {
  private final SshAgent agent;
  private final SshAgent.Identity key;

  AgentAuthMethod(SshAgent agent, SshAgent.Identity key) {
    super("publickey");
    this.agent = agent;
    this.key = key;
  }

  @Override
  protected SSHPacket buildReq() throws UserAuthException {
    SSHPacket req = super.buildReq();
    String type = key.type();
    req.putBoolean(true).putString(type.equals("ssh-rsa") ? "rsa-sha2-256" : type);
    req.putBytes(key.blob());
    byte[] signed =
        new Buffer.PlainBuffer()
            .putString(params.getTransport().getSessionID())
            .putBuffer(req)
            .getCompactData();
    try {
      req.putBytes(agent.sign(key, signed));
    } catch (IOException e) {
      throw new UserAuthException("ssh-agent could not sign with " + key.comment(), e);
    }
    return req;
  }

  @Override
  public String toString() {
    return "ssh-agent key " + key.comment();
  }
}
