"use client";
import { signOut } from "next-auth/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

export function LogoutButton() {
  const { t } = useI18n();
  return (
    <Button variant="ghost" onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("nav.logout")}
    </Button>
  );
}
