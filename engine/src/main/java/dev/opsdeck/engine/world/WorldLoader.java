package dev.opsdeck.engine.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.opsdeck.engine.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reads a world file (or the bundled one) and checks it enough that a bad file fails at start, not mid-incident. */
public final class WorldLoader {

    private static final String BUNDLED = "/dev/opsdeck/engine/world.json";

    private WorldLoader() {
    }

    public static World bundled() {
        try (InputStream in = WorldLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new WorldException("the bundled world " + BUNDLED + " is missing from the build");
            }
            return check(Json.MAPPER.readValue(in, World.class), "the bundled world");
        } catch (IOException e) {
            throw new WorldException("the bundled world is unreadable: " + e.getMessage());
        }
    }

    public static World load(Path file) {
        try {
            return check(Json.MAPPER.readValue(Files.readAllBytes(file), World.class), file.toString());
        } catch (NoSuchFileException e) {
            throw new WorldException("world file not found: " + file);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String why = e.getOriginalMessage().replaceAll("\\s*\\(?start marker at \\[Source.*$", "")
                    .replaceAll("\\s*\\[Source:[^\\]]*\\]", "").replaceAll("\\s+", " ").trim();
            throw new WorldException("world file " + file + " is not a valid world" + where + ": " + why);
        } catch (IOException e) {
            throw new WorldException("cannot read world file " + file + ": " + e.getMessage());
        }
    }

    private static World check(World world, String where) {
        if (world.systems().isEmpty()) {
            throw new WorldException(where + " lists no systems");
        }
        if (world.incidents().isEmpty()) {
            throw new WorldException(where + " lists no incidents");
        }
        Set<String> keys = new HashSet<>();
        for (Incident i : world.incidents()) {
            if (blank(i.key()) || blank(i.system()) || blank(i.issue()) || blank(i.kickoff())) {
                throw new WorldException(where + ": every incident needs key, system, issue and kickoff");
            }
            if (!keys.add(i.key())) {
                throw new WorldException(where + ": incident key '" + i.key() + "' appears twice");
            }
            if (!i.sev().matches("sev[123]")) {
                throw new WorldException(where + ": incident '" + i.key() + "' has sev '" + i.sev()
                        + "' (expected sev1, sev2 or sev3)");
            }
        }
        return world;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
