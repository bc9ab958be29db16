package io.clusterfactory.cfctl.grendel.api;

/** Power actions with their Redfish ResetType as sent to Grendel's {@code /v1/bmc/power/os}. */
public enum PowerAction {
  ON("On"),
  OFF("ForceOff"),
  CYCLE("PowerCycle");

  private final String redfishResetType;

  PowerAction(String redfishResetType) {
    this.redfishResetType = redfishResetType;
  }

  public String redfishResetType() {
    return redfishResetType;
  }
}
