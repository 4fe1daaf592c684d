public class App { public static void main(String[] a) throws Exception { System.out.println(String.join(" ", a)); } }
