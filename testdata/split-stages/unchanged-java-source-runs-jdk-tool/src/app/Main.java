package app;
import java.nio.file.*;
public class Main {
  public static void main(String[] a) throws Exception {
    System.out.println("compiler: " + (javax.tools.ToolProvider.getSystemJavaCompiler() != null));
    System.out.println("conf: " + Files.readString(Path.of("conf/app.properties")).trim());
    System.out.println("opts: " + System.getProperty("greeting"));
    try { Process p = new ProcessBuilder("jcmd", "-h").redirectErrorStream(true).start(); p.getInputStream().readAllBytes(); System.out.println("jcmd rc " + p.waitFor()); }
    catch (Exception e) { System.out.println("jcmd err " + e.getClass().getSimpleName()); }
    try { Class.forName("com.sun.net.httpserver.HttpServer"); System.out.println("httpserver ok"); } catch (Throwable t) { System.out.println("httpserver missing"); }
    try { java.sql.DriverManager.getDrivers(); System.out.println("sql ok"); } catch (Throwable t) { System.out.println("sql missing"); }
  }
}
