package app;
import java.nio.file.*;
public class Main { public static void main(String[] a) throws Exception {
  Files.writeString(Path.of("logs/app.log"), "started\n"); System.out.println("logs ok, data=" + Files.isDirectory(Path.of("data"))); } }
