package dep; public class Greeter { public static String hi() { return "hi from dep"; } }
