package hello;
import javax.tools.ToolProvider;
public class Main {
  public static void main(String[] args) throws Exception {
    System.out.println("compiler: " + (ToolProvider.getSystemJavaCompiler() != null));


  }
}
