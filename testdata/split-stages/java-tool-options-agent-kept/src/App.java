public class App { public static void main(String[] a) { System.out.println("app runs, agent=" + System.getProperty("agent.loaded")); } }
