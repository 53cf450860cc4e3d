package org.chorus.reporting.disclosure;
import java.util.Map;
public record Published(Map<String, Shown> cells) { public Shown of(String id) { return cells.get(id); } }
