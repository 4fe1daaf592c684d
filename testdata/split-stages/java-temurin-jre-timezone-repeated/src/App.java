public class App { public static void main(String[] a) { System.out.println(java.util.TimeZone.getDefault().getID()); } }
