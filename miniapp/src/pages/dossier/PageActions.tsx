import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { ConfirmAction } from "../../components/ConfirmAction";
import { forgetDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { savedDossiersState } from "../../state";

/**
 * The foot of the dossier page: look up another dossier, or remove this one from the phone (asked first: the slip
 * token kept with it goes too, and opening the owner view again then needs the slip or the ID digits).
 */
export function PageActions({ code }: { code: string }) {
  const navigate = useNavigate();
  const setSaved = useSetRecoilState(savedDossiersState);
  const remove = () => {
    setSaved((list) => forgetDossier(list, code));
    navigate("/", { replace: true });
  };
  return (
    <div className="actions">
      <Button fullWidth size="large" variant="secondary" onClick={() => navigate("/")}>
        {messages.dossier.lookUpAnother}
      </Button>
      <ConfirmAction
        label={messages.dossier.removeSaved}
        question={messages.home.removeSavedQuestion}
        detail={messages.home.removeSavedDetail}
        confirmLabel={messages.home.removeSavedConfirm}
        variant="tertiary"
        onConfirm={remove}
      />
    </div>
  );
}
