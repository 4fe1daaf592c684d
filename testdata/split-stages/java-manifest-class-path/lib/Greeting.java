public class Greeting {
  public static String text() { return "hello from a Class-Path jar"; }
}
