package hello;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class Application {
    public static void main(String[] args) throws Exception {
        // Who runs the program (by name), where, and whether that user can write in its home folder.
        String home = System.getProperty("user.home");
        System.out.println("user " + System.getProperty("user.name") + " home " + home);
        System.out.println("cwd " + Paths.get("").toAbsolutePath());
        Path probe = Paths.get(home, "probe.txt");
        Files.writeString(probe, "ok");
        System.out.println("home writable " + Files.readString(probe));
    }
}
