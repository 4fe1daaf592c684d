public class Agent { public static void premain(String args) { System.setProperty("agent.loaded", "yes"); System.err.println("[agent] instrumenting"); } }
