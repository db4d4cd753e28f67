import { Button } from "zmp-ui";
import { ErrorState } from "../components/Notice";
import { Page } from "../components/Page";
import { messages } from "../messages";
import { useNavigate } from "../navigation";

export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Page title={messages.app.notFoundTitle}>
      <ErrorState message={messages.app.notFoundBody}>
        <Button fullWidth size="large" onClick={() => navigate("/", { replace: true })}>
          {messages.app.home}
        </Button>
      </ErrorState>
    </Page>
  );
}
