public class App {
  public static void main(String[] a) throws Exception {
    Process p = new ProcessBuilder("sh", "scripts/migrate.sh").inheritIO().start();
    Process q = Runtime.getRuntime().exec("sh tools/seed.sh");
    System.out.println("rc=" + p.waitFor() + q.waitFor());
  }
}
