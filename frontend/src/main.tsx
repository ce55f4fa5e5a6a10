import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AppProviders } from "./AppProviders";
import "./index.css";
import { createQueryClient } from "./lib/queryClient";
import { routes } from "./routes";

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("The page has no #root element to render into.");

const router = createBrowserRouter(routes);
const queryClient = createQueryClient();

createRoot(rootElement).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
