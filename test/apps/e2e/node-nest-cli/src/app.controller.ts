import { Controller, Get, Param } from "@nestjs/common";
import { GreetingService } from "./greeting.service";

@Controller()
export class AppController {
  constructor(private readonly greetings: GreetingService) {}

  @Get()
  root(): { message: string } {
    return { message: this.greetings.greet("nest") };
  }

  @Get("hello/:name")
  hello(@Param("name") name: string): { message: string } {
    return { message: this.greetings.greet(name) };
  }
}
