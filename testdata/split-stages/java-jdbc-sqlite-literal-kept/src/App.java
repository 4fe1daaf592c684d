public class App { public static void main(String[] a) throws Exception { java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:./data/app"); System.out.println(c); } }
