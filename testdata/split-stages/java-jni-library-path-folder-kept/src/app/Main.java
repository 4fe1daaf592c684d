package app;
public class Main {
  static native int answer();
  public static void main(String[] a) { System.loadLibrary("greet"); System.out.println("native answer " + answer()); }
}
