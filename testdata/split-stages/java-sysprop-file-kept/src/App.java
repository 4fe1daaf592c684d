import java.util.logging.*;
public class App { public static void main(String[] a) { Logger l = Logger.getLogger("app"); l.fine("debug detail"); l.info("started"); System.out.println("level=" + Logger.getLogger("").getLevel()); } }
