import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

public class Main {
  public static void main(String[] args) throws IOException {
    Properties config = new Properties();
    try (Reader in = Files.newBufferedReader(Paths.get("config/app.properties"))) {
      config.load(in);
    }
    System.out.println(config.getProperty("greeting") + ", " + config.getProperty("name"));
  }
}
