import { Component, signal } from "@angular/core";

@Component({
  selector: "app-root",
  template: `
    <h1>{{ title }}</h1>
    <button (click)="count.set(count() + 1)">clicked {{ count() }} times</button>
  `,
})
export class AppComponent {
  readonly title = "Angular in a container";
  readonly count = signal(0);
}
