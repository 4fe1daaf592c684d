import io.github.cdimascio.dotenv.Dotenv;
public class App { public static void main(String[] a) { Dotenv env = Dotenv.load(); System.out.println(env.get("GREETING")); } }
