package hello;

public class Main {
    public static void main(String[] args) {
        String who = args.length > 0 ? String.join(" ", args) : "nobody";
        System.out.println("hello " + who + " from Java " + Runtime.version().feature());
    }
}
