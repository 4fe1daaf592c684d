public class App { public static void main(String[] a) throws Exception { System.out.println("java.home=" + System.getProperty("java.home") + " JAVA_HOME=" + System.getenv("JAVA_HOME")); } }
