public class Hello {
  public static void main(String[] a) { System.out.println("hello from source launcher " + Runtime.version()); }
}
