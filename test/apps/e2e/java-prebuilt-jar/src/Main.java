import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

public class Main {
    public static void main(String[] args) throws Exception {
        // The working folder, the jar next to it, and a resource packed in the jar.
        System.out.println("cwd " + Paths.get("").toAbsolutePath());
        System.out.println("jar here " + Files.exists(Paths.get("app.jar")));
        try (InputStream in = Main.class.getResourceAsStream("/greeting.txt")) {
            System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
