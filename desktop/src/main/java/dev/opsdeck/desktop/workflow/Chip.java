package dev.opsdeck.desktop.workflow;

/**
 * One agent on a rail.
 *
 * @param meta the line under the chip: the tool it routed with, what it waits for, or empty
 */
public record Chip(String agent, ChipState state, String meta) {

    /** A two-or-three letter tag for the collapsed row. */
    public String abbreviation() {
        return switch (agent) {
            case "TicketBot" -> "TB";
            case "IntakeLookup" -> "IL";
            case "IntakeDecide" -> "ID";
            case "Triage" -> "Tr";
            case "Network" -> "Net";
            case "Storage" -> "Sto";
            case "Remediation" -> "Rem";
            case "RemBot" -> "RB";
            case "RemTriage" -> "RT";
            case "Infra" -> "Inf";
            case "StorageFix" -> "SF";
            case "ConfigFix" -> "Cfg";
            case "Human" -> "Hum";
            case "Resolver" -> "Res";
            default -> agent.length() <= 3 ? agent : agent.substring(0, 3);
        };
    }
}
